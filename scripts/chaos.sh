#!/usr/bin/env bash
# `npm run chaos`: the full chaos run of issue #9 — ≥20 worker kill -9s across provisioning, acceptance,
# dunning and renewal, Kafka stopped 60 s, PostgreSQL stopped 30 s, a Temporal server restart — on
# PRIVATE Temporal/Kafka/PostgreSQL instances the test starts on free ports (the shared services on the
# default ports are never touched). Writes test/reports/chaos-<timestamp>.json and .md.
# Replay a run: CHAOS_SEED=<seed printed by the run> npm run chaos. Fewer kills: CHAOS_KILLS=20.
set -euo pipefail
cd "$(dirname "$0")/.."
. infra/lib.sh

bash infra/install.sh temporal kafka postgres
export CHAOS_PROFILE="${CHAOS_PROFILE:-full}"
export CHAOS_REPORT_DIR="${CHAOS_REPORT_DIR:-$ROOT/test/reports}"
log "chaos: profile $CHAOS_PROFILE, report in $CHAOS_REPORT_DIR"
npx --no-install jest --ci --forceExit --runInBand --selectProjects chaos "$@"
