#!/usr/bin/env bash
# `npm run bench`: install the pinned servers if needed, start the services the benchmark uses that are
# not already there (Temporal dev server, Kafka, and PostgreSQL when the inventory, workers or scale
# section runs), run bench/run.ts with the given flags, and stop again only what this script started.
# `--profile cluster` uses the `cluster` service (Temporal on PostgreSQL, infra/services/cluster.sh,
# frontend on 127.0.0.1:$TEMPORAL_CLUSTER_PORT) instead of the dev server.
# A service counts as there when our infra scripts started it or something already answers on its port
# (a server this script did not start is never stopped); KAFKA_BROKERS, TEMPORAL_ADDRESS or DATABASE_URL
# set by the caller mean "use that one", and bench/run.ts checks it answers before anything else.
set -euo pipefail
cd "$(dirname "$0")/.."
. infra/lib.sh

started=()
bench_pid=""
cleanup() {
  local s
  for s in "${started[@]}"; do "stop_$s"; done
}
# A signal to this script alone (not its process group) must not leave the bench running against
# services about to be stopped: end it first, then leave through the EXIT trap.
stop_bench() {
  [ -n "$bench_pid" ] || return 0
  kill -TERM "$bench_pid" 2>/dev/null || true
  wait "$bench_pid" 2>/dev/null || true
}
trap cleanup EXIT
trap 'stop_bench; exit 130' INT
trap 'stop_bench; exit 143' TERM

# The inventory, workers and scale sections use PostgreSQL (the last two share an inventory between
# worker processes); `--only` without them needs none.
only=""
profile="dev"
prev=""
for a in "$@"; do
  case "$a" in
    --only=*) only="${a#--only=}" ;;
    --profile=*) profile="${a#--profile=}" ;;
  esac
  [ "$prev" = "--only" ] && only="$a"
  [ "$prev" = "--profile" ] && profile="$a"
  prev="$a"
done
TEMPORAL_CLUSTER_PORT="${TEMPORAL_CLUSTER_PORT:-7243}"
temporal_service=temporal
case "$profile" in
  dev) ;;
  cluster)
    declare -F start_cluster >/dev/null || die "--profile cluster: infra/services/cluster.sh is missing (no start_cluster)"
    temporal_service=cluster
    ;;
  *) die "--profile: must be dev or cluster, got \"$profile\"" ;;
esac
wanted=()
needs_postgres() { [ -z "$only" ] || [[ ",$only," =~ ,(inventory|workers|scale), ]]; }
# PostgreSQL first: the cluster would start it itself, and then this script would not know to stop it.
if [ -z "${DATABASE_URL:-}" ] && needs_postgres; then
  wanted+=(postgres)
fi
[ -z "${TEMPORAL_ADDRESS:-}" ] && wanted+=("$temporal_service")
[ -z "${KAFKA_BROKERS:-}" ] && wanted+=(kafka)

service_answers() {
  case "$1" in
    temporal) port_open "$TEMPORAL_HOST" "$TEMPORAL_PORT" ;;
    cluster) port_open 127.0.0.1 "$TEMPORAL_CLUSTER_PORT" ;;
    kafka) port_open 127.0.0.1 "$KAFKA_PORT" ;;
    postgres) port_open 127.0.0.1 "$POSTGRES_PORT" ;;
  esac
}

if [ "${#wanted[@]}" -gt 0 ]; then bash infra/install.sh "${wanted[@]}"; fi
for s in "${wanted[@]}"; do
  if is_running "$s" || service_answers "$s"; then
    log "$s: already there, left alone"
  else
    started+=("$s")
    "start_$s"
  fi
done
# A shared server started by an older checkout may lack a newer search attribute: add it (no restart).
if [[ " ${wanted[*]} " == *" temporal "* ]]; then
  ensure_temporal_search_attributes || log "temporal: could not check its search attributes"
fi
if [[ " ${wanted[*]} " == *" cluster "* ]]; then
  # bench/server-db.ts reads the cluster's database sizes with these.
  export TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_CLUSTER_PORT" POSTGRES_PORT
  export TEMPORAL_CLUSTER_DB="${TEMPORAL_CLUSTER_DB:-temporal}"
  export TEMPORAL_CLUSTER_VISIBILITY_DB="${TEMPORAL_CLUSTER_VISIBILITY_DB:-temporal_visibility}"
fi
if [[ " ${wanted[*]} " == *" postgres "* ]]; then
  export DATABASE_URL="postgres://postgres@127.0.0.1:$POSTGRES_PORT/orchestrator"
fi

# In the background so that the traps above run at once on a signal, not when the bench ends.
node_modules/.bin/tsx bench/run.ts "$@" &
bench_pid=$!
status=0
wait "$bench_pid" || status=$?
bench_pid=""
exit "$status"
