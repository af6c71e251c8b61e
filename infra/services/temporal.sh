# Temporal dev server (temporal CLI, built from its Go module): gRPC on $TEMPORAL_PORT, Web UI on
# $TEMPORAL_UI_PORT, SQLite persistence so contracts survive a restart.
TEMPORAL_BIN="$INFRA_DIR/bin/temporal"

# Search attributes the workflows keep current (visibility for engineers in the Web UI).
TEMPORAL_SEARCH_ATTRIBUTES=(
  ContractNo=Keyword CustomerName=Keyword Product=Keyword Stage=Keyword Region=Keyword
  NextDeadline=Datetime Health=Keyword
)

install_temporal() {
  local stamp="$INFRA_DIR/bin/.temporal-$TEMPORAL_CLI_VERSION"
  [ -x "$TEMPORAL_BIN" ] && [ -f "$stamp" ] && return 0
  require_cmd go golang
  log "temporal: building temporal CLI $TEMPORAL_CLI_VERSION from its Go module (first time only, a few minutes)"
  local started=$SECONDS
  GOBIN="$INFRA_DIR/bin" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION"
  touch "$stamp"
  log "temporal: built in $((SECONDS - started)) s ($(du -h "$TEMPORAL_BIN" | cut -f1))"
}

temporal_ready() {
  "$TEMPORAL_BIN" operator cluster health --address "$TEMPORAL_HOST:$TEMPORAL_PORT" >/dev/null 2>&1 &&
    "$TEMPORAL_BIN" operator search-attribute list --address "$TEMPORAL_HOST:$TEMPORAL_PORT" 2>/dev/null | grep -q NextDeadline
}

# A server started before an attribute was added gets it now, without a restart (the worker does the
# same at start; upserting an unknown attribute would fail the workflow task).
ensure_temporal_search_attributes() {
  local known sa
  known=$("$TEMPORAL_BIN" operator search-attribute list --address "$TEMPORAL_HOST:$TEMPORAL_PORT" 2>/dev/null) || return 1
  for sa in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do
    grep -qw "${sa%%=*}" <<<"$known" && continue
    log "temporal: registering search attribute ${sa%%=*}"
    "$TEMPORAL_BIN" operator search-attribute create --address "$TEMPORAL_HOST:$TEMPORAL_PORT" \
      --name "${sa%%=*}" --type "${sa#*=}" >/dev/null
  done
}

start_temporal() {
  install_temporal
  if is_running temporal; then
    log "temporal: already running (ours)"
    ensure_temporal_search_attributes
    return 0
  fi
  port_open "$TEMPORAL_HOST" "$TEMPORAL_PORT" && die "port $TEMPORAL_PORT is taken by a process we did not start; set TEMPORAL_PORT"
  local args=(server start-dev --ip "$TEMPORAL_HOST" --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT"
    --db-filename "$DATA_DIR/temporal.sqlite" --log-format json --log-level warn)
  local sa
  for sa in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done
  [ -n "${TEMPORAL_UI_CODEC_ENDPOINT:-}" ] && args+=(--ui-codec-endpoint "$TEMPORAL_UI_CODEC_ENDPOINT")
  start_bg temporal "$TEMPORAL_BIN" "${args[@]}"
  wait_until 60 "temporal (grpc $TEMPORAL_HOST:$TEMPORAL_PORT)" temporal_ready ||
    die "temporal did not become healthy in 60 s; see $LOG_DIR/temporal.log"
  wait_until 30 "temporal web UI (http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT)" \
    curl -fsS -o /dev/null "http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT/" ||
    die "temporal web UI did not answer on :$TEMPORAL_UI_PORT; see $LOG_DIR/temporal.log"
}

stop_temporal() { stop_service temporal; }

status_temporal() {
  if is_running temporal && temporal_ready; then
    echo "temporal   up    grpc $TEMPORAL_HOST:$TEMPORAL_PORT  ui http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT  pid $(cat "$(pid_file temporal)")"
  elif is_running temporal; then
    echo "temporal   starting/unhealthy  pid $(cat "$(pid_file temporal)")"
  else
    echo "temporal   down  (grpc port $TEMPORAL_PORT)"
  fi
}
