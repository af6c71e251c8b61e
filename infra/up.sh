#!/usr/bin/env bash
# Start the local services on loopback and wait until each really answers. Running twice is harmless.
# Usage: infra/up.sh [service...]   (default: $INFRA_SERVICES or "temporal kafka")
. "$(dirname "$0")/lib.sh"
for s in ${*:-$(services)}; do "start_$s"; done
"$ROOT/infra/status.sh" ${*:-$(services)}
