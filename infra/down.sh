#!/usr/bin/env bash
# Stop what infra/up.sh started (by its recorded pid), and nothing else. The cluster profile goes
# before the PostgreSQL it writes to.
. "$(dirname "$0")/lib.sh"
for s in ${*:-cluster postgres kafka temporal}; do
  if declare -F "stop_$s" >/dev/null; then "stop_$s"; fi
done
