#!/usr/bin/env bash
# `npm run chaos`: the full chaos run of issue #9 — ≥20 worker kill -9s across provisioning, acceptance,
# dunning and renewal, Kafka stopped 60 s, PostgreSQL stopped 30 s, a Temporal server restart — on
# PRIVATE Temporal/Kafka/PostgreSQL instances the test starts on free ports (the shared services on the
# default ports are never stopped). Writes test/reports/chaos-<timestamp>.json and .md. Before it, the
# hostile-input runs, among them a long Schemathesis run against the real API on the shared dev server
# and Kafka (started here if they are not running, on its own task queue and key).
# Replay a run: CHAOS_SEED=<seed printed by the run> npm run chaos. Fewer kills: CHAOS_KILLS=20.
set -euo pipefail
cd "$(dirname "$0")/.."
. infra/lib.sh

bash infra/install.sh temporal kafka postgres schemathesis

started=()
cleanup() {
  local s
  for s in "${started[@]}"; do "stop_$s"; done
}
trap cleanup EXIT INT TERM
export CHAOS_PROFILE="${CHAOS_PROFILE:-full}"
export CHAOS_REPORT_DIR="${CHAOS_REPORT_DIR:-$ROOT/test/reports}"
log "chaos: profile $CHAOS_PROFILE, report in $CHAOS_REPORT_DIR"
# Hostile inputs first, at full count (FUZZ_RUNS per family; the real-broker and real-server fuzz runs
# are part of npm test): their figures land in the report folder and the chaos report quotes them.
rm -f "$CHAOS_REPORT_DIR"/fuzz-*.json
FUZZ_RUNS="${FUZZ_RUNS:-10000}" npx --no-install jest --ci --forceExit --selectProjects unit \
  --testPathPatterns 'test/security/(intake|api)-fuzz'
for s in temporal kafka; do
  if ! is_running "$s" && ! port_open 127.0.0.1 "$([ "$s" = temporal ] && echo "$TEMPORAL_PORT" || echo "$KAFKA_PORT")"; then
    started+=("$s")
    "start_$s"
  fi
done
# Schemathesis, long run (SCHEMATHESIS_EXAMPLES per operation): figures in fuzz-schemathesis.json.
bash scripts/fuzz-api.sh --max-examples "${SCHEMATHESIS_EXAMPLES:-100}"
npx --no-install jest --ci --forceExit --runInBand --selectProjects chaos "$@"
