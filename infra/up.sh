#!/usr/bin/env bash
# Start the local services on loopback and wait until each really answers. Running twice is harmless.
# Usage: infra/up.sh [service...]   (default: $INFRA_SERVICES or "temporal kafka"; `infra/up.sh cluster`
# starts Temporal on PostgreSQL, four processes, frontend on 127.0.0.1:${TEMPORAL_CLUSTER_PORT:-7243})
. "$(dirname "$0")/lib.sh"
for s in ${*:-$(services)}; do "start_$s"; done
"$ROOT/infra/status.sh" ${*:-$(services)}
