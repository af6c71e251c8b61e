#!/usr/bin/env bash
# The independent OpenAPI fuzzer (issue #15): install the pinned Schemathesis if needed, then run it
# against the real API + a contract worker on their own task queue and key (scripts/fuzz-api.ts).
# Needs the Temporal dev server and Kafka running (npm test and npm run chaos start them).
# Usage: scripts/fuzz-api.sh [--max-examples N] [--seed N]
set -euo pipefail
cd "$(dirname "$0")/.."
. infra/lib.sh
install_schemathesis
export SCHEMATHESIS_BIN
exec npx --no-install tsx scripts/fuzz-api.ts "$@"
