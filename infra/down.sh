#!/usr/bin/env bash
# Stop what infra/up.sh started (by its recorded pid), and nothing else. Prometheus goes first (it only
# reads), the cluster profile before the PostgreSQL it writes to.
. "$(dirname "$0")/lib.sh"
for s in ${*:-prometheus cluster postgres kafka temporal}; do
  if declare -F "stop_$s" >/dev/null; then "stop_$s"; fi
done
