# The `cluster` profile: the Temporal server built from its Go module, on the PostgreSQL of
# infra/services/postgres.sh (databases $TEMPORAL_CLUSTER_DB and $TEMPORAL_CLUSTER_VISIBILITY_DB, schema
# set up by Temporal's own temporal-sql-tool), with frontend, history, matching and worker as four
# processes and $TEMPORAL_CLUSTER_SHARDS history shards. Clients: TEMPORAL_ADDRESS=127.0.0.1:7243.
# Not in the default service set: `infra/up.sh cluster`, `infra/down.sh cluster`.
TEMPORAL_SERVER_BIN="$INFRA_DIR/bin/temporal-server"
TEMPORAL_SQL_TOOL_BIN="$INFRA_DIR/bin/temporal-sql-tool"
# The module's own SQL schema, copied at install so a start does not depend on the Go module cache.
TEMPORAL_SERVER_SCHEMA="$INFRA_DIR/temporal-server-schema/postgresql/v12"
TEMPORAL_CLUSTER_PORT="${TEMPORAL_CLUSTER_PORT:-7243}"
TEMPORAL_CLUSTER_SHARDS="${TEMPORAL_CLUSTER_SHARDS:-4}"
TEMPORAL_CLUSTER_DB="${TEMPORAL_CLUSTER_DB:-temporal}"
TEMPORAL_CLUSTER_VISIBILITY_DB="${TEMPORAL_CLUSTER_VISIBILITY_DB:-temporal_visibility}"
TEMPORAL_CLUSTER_NAMESPACE="${TEMPORAL_CLUSTER_NAMESPACE:-default}"
TEMPORAL_CLUSTER_RETENTION="${TEMPORAL_CLUSTER_RETENTION:-72h}"
TEMPORAL_CLUSTER_LOG_LEVEL="${TEMPORAL_CLUSTER_LOG_LEVEL:-warn}"
# Started in this order; history owns the shards the others route to.
CLUSTER_SERVICES=(history matching frontend worker)

# gRPC port of a service (frontend = $TEMPORAL_CLUSTER_PORT, the others follow it); membership (ringpop)
# ports are the gRPC ports + 10: the layout of infra/cluster/server.yaml. Derived when used, so a caller
# may set TEMPORAL_CLUSTER_PORT after sourcing.
cluster_grpc_port() {
  case "$1" in
    frontend) echo "$TEMPORAL_CLUSTER_PORT" ;;
    history) echo $((TEMPORAL_CLUSTER_PORT + 1)) ;;
    matching) echo $((TEMPORAL_CLUSTER_PORT + 2)) ;;
    worker) echo $((TEMPORAL_CLUSTER_PORT + 3)) ;;
  esac
}
cluster_membership_port() { echo $(($(cluster_grpc_port "$1") + 10)); }
cluster_dir() { echo "$DATA_DIR/cluster"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

install_cluster() {
  local stamp="$INFRA_DIR/bin/.temporal-server-$TEMPORAL_SERVER_VERSION"
  install_temporal # the CLI checks health and registers the namespace and search attributes
  [ -x "$TEMPORAL_SERVER_BIN" ] && [ -x "$TEMPORAL_SQL_TOOL_BIN" ] && [ -f "$stamp" ] &&
    [ -d "$TEMPORAL_SERVER_SCHEMA/temporal/versioned" ] && return 0
  require_cmd go golang
  log "cluster: building Temporal server $TEMPORAL_SERVER_VERSION and temporal-sql-tool from the Go module go.temporal.io/server (first time only, several minutes)"
  local started=$SECONDS cache cache_before build module
  cache="$(go env GOCACHE)"
  cache_before=$(du -sk "$cache" 2>/dev/null | cut -f1 || echo 0)
  build="$(mktemp -d)"
  GOBIN="$build" go install "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
    "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION"
  mkdir -p "$INFRA_DIR/bin"
  mv "$build/server" "$TEMPORAL_SERVER_BIN"
  mv "$build/sql" "$TEMPORAL_SQL_TOOL_BIN"
  rmdir "$build"
  module="$(go env GOMODCACHE)/go.temporal.io/server@$TEMPORAL_SERVER_VERSION"
  rm -rf "$TEMPORAL_SERVER_SCHEMA" && mkdir -p "$TEMPORAL_SERVER_SCHEMA"
  cp -R "$module/schema/postgresql/v12/." "$TEMPORAL_SERVER_SCHEMA/"
  chmod -R u+w "$TEMPORAL_SERVER_SCHEMA" # the module cache is read-only; a reinstall must delete it
  touch "$stamp"
  log "cluster: built in $((SECONDS - started)) s: temporal-server $(du -h "$TEMPORAL_SERVER_BIN" | cut -f1)," \
    "temporal-sql-tool $(du -h "$TEMPORAL_SQL_TOOL_BIN" | cut -f1), schema $(du -sh "$TEMPORAL_SERVER_SCHEMA" | cut -f1);" \
    "Go build cache +$((($(du -sk "$cache" 2>/dev/null | cut -f1 || echo 0) - cache_before) / 1024)) MiB"
}

cluster_sql_tool() {
  "$TEMPORAL_SQL_TOOL_BIN" --plugin postgres12 --ep 127.0.0.1 -p "$POSTGRES_PORT" -u postgres "$@" \
    >>"$LOG_DIR/cluster-schema.log" 2>&1 || die "temporal-sql-tool $* failed; see $LOG_DIR/cluster-schema.log"
}

# setup_cluster_database <database> <schema name>: create it, set up and update its schema; a database
# already at the module's version is left as it is.
setup_cluster_database() {
  local db="$1" schema="$2"
  if [ -z "$(psql_postgres -d postgres -tAc "select 1 from pg_database where datname = '$db'")" ]; then
    cluster_sql_tool --db "$db" create-database
  fi
  if [ -z "$(psql_postgres -d "$db" -tAc "select 1 from pg_tables where tablename = 'schema_version'")" ]; then
    cluster_sql_tool --db "$db" setup-schema -v 0.0
  fi
  cluster_sql_tool --db "$db" update-schema -d "$TEMPORAL_SERVER_SCHEMA/$schema/versioned"
}

# The server renders infra/cluster/server.yaml itself (so docker-compose.yml uses the same file) from
# these variables; the rest of this shell's environment is not passed on. A command line, one word per
# line, for start_bg (which cannot run shell functions).
cluster_server_command() {
  printf '%s\n' env -i "PATH=$PATH" "TEMPORAL_CLUSTER_PORT=$TEMPORAL_CLUSTER_PORT" \
    "TEMPORAL_CLUSTER_SHARDS=$TEMPORAL_CLUSTER_SHARDS" "TEMPORAL_CLUSTER_DB=$TEMPORAL_CLUSTER_DB" \
    "TEMPORAL_CLUSTER_VISIBILITY_DB=$TEMPORAL_CLUSTER_VISIBILITY_DB" \
    "TEMPORAL_CLUSTER_LOG_LEVEL=$TEMPORAL_CLUSTER_LOG_LEVEL" "POSTGRES_PORT=$POSTGRES_PORT" \
    "TEMPORAL_CLUSTER_BROADCAST_ADDRESS=127.0.0.1" \
    "TEMPORAL_CLUSTER_DYNAMIC_CONFIG=$ROOT/infra/cluster/dynamicconfig.yaml" \
    "$TEMPORAL_SERVER_BIN" --root / --config "$ROOT/infra/cluster" --env server
}

# Fails the start at once when one of the processes (default: all four) has exited (bad config, port
# taken).
cluster_processes_alive() {
  local svc services=("$@")
  [ "$#" -gt 0 ] || services=("${CLUSTER_SERVICES[@]}")
  for svc in "${services[@]}"; do
    is_running "cluster-$svc" ||
      die "cluster: the $svc process exited; $LOG_DIR/cluster-$svc.log ends with:
$(tail -n 5 "$LOG_DIR/cluster-$svc.log" | cut -c1-400)"
  done
}

cluster_metadata_written() {
  cluster_processes_alive "${CLUSTER_SERVICES[0]}" &&
    [ "$(psql_postgres -d "$TEMPORAL_CLUSTER_DB" -tAc "select (select count(*) from cluster_metadata_info) > 0
      and exists (select 1 from namespaces where name = 'temporal-system')")" = t ]
}

cluster_cli() { "$TEMPORAL_BIN" "$@" --address "127.0.0.1:$TEMPORAL_CLUSTER_PORT"; }

cluster_frontend_healthy() {
  cluster_processes_alive && cluster_cli operator cluster health >/dev/null 2>&1
}

cluster_namespace_visible() {
  cluster_cli operator namespace describe --namespace "$TEMPORAL_CLUSTER_NAMESPACE" >/dev/null 2>&1 &&
    cluster_cli operator search-attribute list --namespace "$TEMPORAL_CLUSTER_NAMESPACE" >/dev/null 2>&1
}

cluster_search_attributes_listed() {
  cluster_cli operator search-attribute list --namespace "$TEMPORAL_CLUSTER_NAMESPACE" 2>/dev/null | grep -qw NextDeadline
}

# With SQL visibility, custom search attributes belong to a namespace; the dev server's list, same types.
ensure_cluster_namespace() {
  local ns="$TEMPORAL_CLUSTER_NAMESPACE" known sa missing=()
  if ! cluster_cli operator namespace describe --namespace "$ns" >/dev/null 2>&1; then
    log "cluster: creating namespace $ns (retention $TEMPORAL_CLUSTER_RETENTION)"
    cluster_cli operator namespace create --namespace "$ns" --retention "$TEMPORAL_CLUSTER_RETENTION" >/dev/null
  fi
  # A new namespace reaches each service's namespace cache a few seconds after it is created.
  wait_until 60 "cluster namespace $ns" cluster_namespace_visible ||
    die "cluster: namespace $ns not usable after 60 s; see $LOG_DIR/cluster-frontend.log"
  known=$(cluster_cli operator search-attribute list --namespace "$ns")
  for sa in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do
    grep -qw "${sa%%=*}" <<<"$known" || missing+=(--name "${sa%%=*}" --type "${sa#*=}")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "cluster: registering $((${#missing[@]} / 4)) search attributes in namespace $ns"
    cluster_cli operator search-attribute create --namespace "$ns" "${missing[@]}" >/dev/null
  fi
  wait_until 30 "cluster search attributes" cluster_search_attributes_listed ||
    die "cluster: search attributes not listed after 30 s; see $LOG_DIR/cluster-frontend.log"
}

cluster_running() {
  local svc
  for svc in "${CLUSTER_SERVICES[@]}"; do is_running "cluster-$svc" || return 1; done
}

start_cluster() {
  install_cluster
  local started svc port phase server
  started=$(now_ms)
  if cluster_running; then
    log "cluster: already running (ours)"
    ensure_cluster_namespace
    return 0
  fi
  if ! postgres_ready; then
    log "cluster: PostgreSQL on :$POSTGRES_PORT is not running; starting it (infra/down.sh postgres stops it)"
    start_postgres
  fi
  phase=$(now_ms)
  setup_cluster_database "$TEMPORAL_CLUSTER_DB" temporal
  setup_cluster_database "$TEMPORAL_CLUSTER_VISIBILITY_DB" visibility
  log "cluster: schema of $TEMPORAL_CLUSTER_DB and $TEMPORAL_CLUSTER_VISIBILITY_DB ready in $(($(now_ms) - phase)) ms"
  mapfile -t server < <(cluster_server_command)
  mkdir -p "$(cluster_dir)"
  "${server[@]}" render-config >"$(cluster_dir)/server.rendered.yaml" 2>>"$LOG_DIR/cluster-frontend.log" ||
    die "cluster: infra/cluster/server.yaml does not render; see $LOG_DIR/cluster-frontend.log"
  for svc in "${CLUSTER_SERVICES[@]}"; do
    is_running "cluster-$svc" && continue
    for port in "$(cluster_grpc_port "$svc")" "$(cluster_membership_port "$svc")"; do
      port_open 127.0.0.1 "$port" && die "port $port ($svc) is taken by a process we did not start; set TEMPORAL_CLUSTER_PORT"
    done
    start_bg "cluster-$svc" "${server[@]}" --allow-no-auth start --service "$svc"
    # On a new database every process finds no cluster record and writes one, and all but the first
    # then exit (v1.29.1, temporal/fx.go initCurrentClusterMetadataRecord). So the first one writes it,
    # and the system namespace, alone.
    if [ "$svc" = "${CLUSTER_SERVICES[0]}" ]; then
      wait_until 60 "cluster metadata" cluster_metadata_written ||
        die "cluster: no cluster metadata after 60 s; see $LOG_DIR/cluster-$svc.log"
    fi
  done
  wait_until 90 "cluster frontend (grpc 127.0.0.1:$TEMPORAL_CLUSTER_PORT)" cluster_frontend_healthy ||
    die "cluster: frontend not healthy in 90 s; see $LOG_DIR/cluster-*.log"
  ensure_cluster_namespace
  log "cluster: up in $(($(now_ms) - started)) ms; databases $(cluster_database_sizes)"
}

cluster_database_sizes() {
  psql_postgres -d postgres -tAc "select string_agg(datname || ' ' || pg_size_pretty(pg_database_size(datname)), ', ')
    from pg_database where datname in ('$TEMPORAL_CLUSTER_DB', '$TEMPORAL_CLUSTER_VISIBILITY_DB')"
}

# The four at once (each drains on TERM; one after the other would add their grace periods up).
# PostgreSQL stays: it is its own service (infra/down.sh postgres).
stop_cluster() {
  local svc any=""
  for svc in "${CLUSTER_SERVICES[@]}"; do [ -f "$(pid_file "cluster-$svc")" ] && any=1; done
  [ -n "$any" ] || { log "cluster: not running (nothing of ours to stop)"; return 0; }
  for svc in "${CLUSTER_SERVICES[@]}"; do stop_service "cluster-$svc" & done
  wait
}

status_cluster() {
  local svc pid where
  for svc in "${CLUSTER_SERVICES[@]}"; do
    where="grpc 127.0.0.1:$(cluster_grpc_port "$svc")"
    if ! is_running "cluster-$svc"; then
      printf '%-17s down  (%s)\n' "cluster-$svc" "$where"
      continue
    fi
    pid="$(cat "$(pid_file "cluster-$svc")")"
    if [ "$svc" != frontend ]; then
      printf '%-17s up    %s  pid %s\n' "cluster-$svc" "$where" "$pid"
    elif cluster_cli operator cluster health >/dev/null 2>&1; then
      printf '%-17s up    %s  pid %s  %s shards, postgres 127.0.0.1:%s/%s\n' "cluster-$svc" "$where" "$pid" \
        "$TEMPORAL_CLUSTER_SHARDS" "$POSTGRES_PORT" "$TEMPORAL_CLUSTER_DB"
    else
      printf '%-17s starting/unhealthy  %s  pid %s\n' "cluster-$svc" "$where" "$pid"
    fi
  done
}
