#!/usr/bin/env bash
# `npm run demo`: start the local services, the worker (and, as they land, the API and intake
# consumers), then drive the demo. Ctrl-C stops everything this script started, nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
. infra/lib.sh

started=()
children=()
cleanup() {
  trap - EXIT INT TERM
  local pid s
  for pid in "${children[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
  for s in "${started[@]}"; do "stop_$s"; done
}
trap cleanup EXIT INT TERM

bash infra/install.sh temporal kafka
for s in temporal kafka; do
  if ! is_running "$s"; then started+=("$s"); "start_$s"; fi
done

log "starting the worker (logs: $LOG_DIR/worker.log)"
LOG_PRETTY=false npx --no-install tsx workers/main.ts >>"$LOG_DIR/worker.log" 2>&1 &
children+=($!)

npx --no-install tsx scripts/demo.ts
if [ "${DEMO_EXIT:-}" = "1" ] || [ ! -t 0 ]; then exit 0; fi
log "demo running; press Ctrl-C to stop everything it started"
while true; do sleep 3600; done
