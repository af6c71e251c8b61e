# PostgreSQL 15 (Debian's postgresql-15 binaries) for the resource inventory: one cluster in
# $DATA_DIR/postgres, TCP on 127.0.0.1:$POSTGRES_PORT only, its unix socket inside .infra, trust
# authentication (loopback only), database "orchestrator". PostgreSQL refuses to run as root, so
# under root the server runs as the system user $POSTGRES_OS_USER (created if missing).
# Clients: DATABASE_URL=postgres://postgres@127.0.0.1:55432/orchestrator
POSTGRES_BIN="${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
POSTGRES_PORT="${POSTGRES_PORT:-55432}"
POSTGRES_OS_USER="${POSTGRES_OS_USER:-postgres}"
POSTGRES_DB="orchestrator"
POSTGRES_DATA="$DATA_DIR/postgres"
POSTGRES_SOCKET_DIR="$RUN_DIR/postgres"

install_postgres() {
  [ -x "$POSTGRES_BIN/postgres" ] ||
    die "PostgreSQL 15 not found in $POSTGRES_BIN: install it with 'apt-get install -y postgresql-15'"
}

# pg_as_owner <command...>: run as the cluster's owner (the system user when we are root).
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$POSTGRES_OS_USER" -- "$@"; else "$@"; fi
}

# The same as a command prefix, for start_bg (which cannot run shell functions).
postgres_owner_prefix() {
  if [ "$(id -u)" = 0 ]; then printf '%s\n' runuser -u "$POSTGRES_OS_USER" --; fi
}

prepare_postgres_dirs() {
  mkdir -p "$POSTGRES_DATA" "$POSTGRES_SOCKET_DIR"
  if [ "$(id -u)" = 0 ]; then
    id -u "$POSTGRES_OS_USER" >/dev/null 2>&1 ||
      useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin "$POSTGRES_OS_USER"
    chown "$POSTGRES_OS_USER": "$POSTGRES_DATA" "$POSTGRES_SOCKET_DIR"
  fi
  chmod 700 "$POSTGRES_DATA"
}

postgres_ready() {
  "$POSTGRES_BIN/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres
}

psql_postgres() {
  "$POSTGRES_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres "$@"
}

start_postgres() {
  install_postgres
  if is_running postgres; then log "postgres: already running (ours)"; return 0; fi
  port_open 127.0.0.1 "$POSTGRES_PORT" && die "port $POSTGRES_PORT is taken by a process we did not start; set POSTGRES_PORT"
  prepare_postgres_dirs
  if [ ! -f "$POSTGRES_DATA/PG_VERSION" ]; then
    # The cluster is created once; later starts keep the data.
    pg_as_owner "$POSTGRES_BIN/initdb" -D "$POSTGRES_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      --no-instructions >>"$LOG_DIR/postgres.log" 2>&1 || die "initdb failed; see $LOG_DIR/postgres.log"
  fi
  local as_owner
  mapfile -t as_owner < <(postgres_owner_prefix)
  start_bg postgres "${as_owner[@]}" "$POSTGRES_BIN/postgres" -D "$POSTGRES_DATA" -p "$POSTGRES_PORT" \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories="$POSTGRES_SOCKET_DIR" -c max_connections=200
  wait_until 30 "postgres (127.0.0.1:$POSTGRES_PORT)" postgres_ready ||
    die "postgres did not accept connections in 30 s; see $LOG_DIR/postgres.log"
  if [ -z "$(psql_postgres -d postgres -tAc "select 1 from pg_database where datname = '$POSTGRES_DB'")" ]; then
    psql_postgres -d postgres -c "create database $POSTGRES_DB" || die "creating database $POSTGRES_DB failed"
  fi
}

# Fast shutdown (open sessions are rolled back): the default "smart" mode would wait for every
# client to leave. pg_ctl returns once the server has exited and removed its pid file and socket.
stop_postgres() {
  if is_running postgres && [ -f "$POSTGRES_DATA/postmaster.pid" ]; then
    pg_as_owner "$POSTGRES_BIN/pg_ctl" stop -D "$POSTGRES_DATA" -m fast -w -t 30 >>"$LOG_DIR/postgres.log" 2>&1 || true
    for _ in $(seq 1 50); do is_running postgres || break; sleep 0.2; done
  fi
  if is_running postgres; then
    stop_service postgres # pg_ctl could not stop it: TERM, then KILL, the process group we started
  elif [ -f "$(pid_file postgres)" ]; then
    rm -f "$(pid_file postgres)"
    log "postgres: stopped"
  else
    log "postgres: not running (nothing of ours to stop)"
  fi
}

status_postgres() {
  if is_running postgres && postgres_ready; then
    echo "postgres   up    127.0.0.1:$POSTGRES_PORT  db $POSTGRES_DB  pid $(cat "$(pid_file postgres)")"
  elif is_running postgres; then
    echo "postgres   starting  pid $(cat "$(pid_file postgres)")"
  else
    echo "postgres   down  (port $POSTGRES_PORT)"
  fi
}
