#!/usr/bin/env bash
# `npm run demo`: start the local services, the worker, the reference billing consumer and the API,
# then onboard the five seed contracts through the API and drive them to billing start (scripts/demo.ts).
# Ctrl-C stops everything this script started, nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
. infra/lib.sh

started=()
children=()
cleanup() {
  trap - EXIT INT TERM
  local pid s
  # Each child leads its own process group (setsid): TERM reaches tsx and the node it runs.
  for pid in "${children[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
  for s in "${started[@]}"; do "stop_$s"; done
}
trap cleanup EXIT INT TERM

bash infra/install.sh temporal kafka
for s in temporal kafka; do
  if ! is_running "$s"; then started+=("$s"); "start_$s"; fi
done

export API_PORT="${API_PORT:-8080}" LOG_PRETTY=false
# One task queue and inventory per demo day (Asia/Shanghai, like the contracts' dates): a rerun the same
# day picks up its contracts where they are; the next day starts afresh instead of meeting yesterday's
# contracts holding the seed's own numbers (000 brings its 96110).
day="$(TZ=Asia/Shanghai date +%y%m%d)"
export TEMPORAL_TASK_QUEUE="${TEMPORAL_TASK_QUEUE:-demo-$day}"
export INVENTORY_DATA_DIR="${INVENTORY_DATA_DIR:-$INFRA_DIR/demo/$day/inventory}"
unset DATABASE_URL # the demo's inventory is that embedded one, whatever the shell has set
export API_KEYS_FILE="$INFRA_DIR/demo/api-keys.json"
eval "$(npx --no-install tsx scripts/demo-keys.ts "$API_KEYS_FILE")"
export DEMO_SALES_KEY DEMO_ENGINEER_KEY DEMO_BILLING_KEY TCO_API_URL="http://127.0.0.1:$API_PORT"

run_child() { # run_child <name> <command...>: background process logging to .infra/logs/<name>.log
  local name="$1"
  shift
  log "starting $name (logs: $LOG_DIR/$name.log)"
  setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  children+=($!)
}
port_open 127.0.0.1 "$API_PORT" && die "port $API_PORT is taken: set API_PORT to a free port"
run_child worker node_modules/.bin/tsx workers/main.ts
run_child billing-consumer node_modules/.bin/tsx clients/billing-consumer/main.ts
run_child api node_modules/.bin/tsx clients/api/main.ts
wait_until 60 "API on :$API_PORT" port_open 127.0.0.1 "$API_PORT" || die "the API did not start: see $LOG_DIR/api.log"

npx --no-install tsx scripts/demo.ts
