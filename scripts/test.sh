#!/usr/bin/env bash
# `npm test`: install the pinned servers if needed, type-check and lint, then run the three jest layers
# (unit, workflows on the time-skipping server, integration on the dev server + Kafka). Services this
# script starts are stopped again on exit; services already running are reused and left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
. infra/lib.sh

started=()
cleanup() {
  local s
  for s in "${started[@]}"; do "stop_$s"; done
}
trap cleanup EXIT INT TERM

bash infra/install.sh temporal kafka testserver
log "time-skipping test server cold start: $(testserver_cold_start_ms) ms (the SDK allows 5000)"

log "type-check and lint"
npx --no-install tsc -p tsconfig.json --noEmit
npx --no-install eslint --max-warnings 0 .

for s in temporal kafka; do
  if ! is_running "$s"; then
    started+=("$s")
    "start_$s"
  fi
done

results="$INFRA_DIR/jest-results.json"
status=0
npx --no-install jest --ci --json --outputFile="$results" "$@" || status=$?
node -e '
  const r = require(process.argv[1]);
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$results"
exit "$status"
