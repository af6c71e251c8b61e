# Apache Kafka in KRaft mode: one combined broker+controller node from Maven Central jars.
KAFKA_HOME="$INFRA_DIR/kafka"
# Generated server.properties and log4j.properties ($KAFKA_HOME itself for the shared instance).
KAFKA_CONF_DIR="$INFRA_STATE_DIR/kafka"

install_kafka() {
  local stamp="$KAFKA_HOME/.version-$KAFKA_VERSION"
  [ -f "$stamp" ] && return 0
  require_cmd java openjdk-17-jre-headless
  require_cmd mvn maven
  log "kafka: copying Kafka $KAFKA_VERSION jars from Maven Central"
  rm -rf "$KAFKA_HOME/libs"
  (cd "$ROOT/infra/kafka" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" -DoutputDirectory="$KAFKA_HOME/libs") >>"$LOG_DIR/install.log"
  touch "$stamp"
  log "kafka: $(du -sh "$KAFKA_HOME/libs" | cut -f1) of jars"
}

write_kafka_config() {
  mkdir -p "$KAFKA_CONF_DIR"
  sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
    -e "s|@LOG_DIRS@|$DATA_DIR/kafka|g" "$ROOT/infra/kafka/server.properties" >"$KAFKA_CONF_DIR/server.properties"
  cp "$ROOT/infra/kafka/log4j.properties" "$KAFKA_CONF_DIR/log4j.properties"
}

KAFKA_JVM=(java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true
  "-Dlog4j.configuration=file:$KAFKA_CONF_DIR/log4j.properties" "-Dkafka.logs.dir=$LOG_DIR"
  -cp "$KAFKA_HOME/libs/*")

start_kafka() {
  install_kafka
  if is_running kafka; then log "kafka: already running (ours)"; return 0; fi
  port_open 127.0.0.1 "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by a process we did not start; set KAFKA_PORT"
  write_kafka_config
  if [ ! -f "$DATA_DIR/kafka/meta.properties" ]; then
    # Storage is formatted once; later starts keep the topics and offsets.
    local cluster_id
    cluster_id="$("${KAFKA_JVM[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    "${KAFKA_JVM[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONF_DIR/server.properties" \
      >>"$LOG_DIR/kafka.log" 2>&1
  fi
  start_bg kafka "${KAFKA_JVM[@]}" kafka.Kafka "$KAFKA_CONF_DIR/server.properties"
  wait_until 90 "kafka (127.0.0.1:$KAFKA_PORT)" port_open 127.0.0.1 "$KAFKA_PORT" ||
    die "kafka did not open port $KAFKA_PORT in 90 s; see $LOG_DIR/kafka.log"
  (cd "$ROOT" && npx --no-install tsx infra/create-topics.ts) || die "creating Kafka topics failed"
}

stop_kafka() { stop_service kafka; }

status_kafka() {
  if is_running kafka && port_open 127.0.0.1 "$KAFKA_PORT"; then
    echo "kafka      up    broker 127.0.0.1:$KAFKA_PORT  controller :$KAFKA_CONTROLLER_PORT  pid $(cat "$(pid_file kafka)")"
  elif is_running kafka; then
    echo "kafka      starting  pid $(cat "$(pid_file kafka)")"
  else
    echo "kafka      down  (broker port $KAFKA_PORT)"
  fi
}
