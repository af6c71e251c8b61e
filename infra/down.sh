#!/usr/bin/env bash
# Stop what infra/up.sh started (by its recorded pid), and nothing else.
. "$(dirname "$0")/lib.sh"
for s in ${*:-postgres kafka temporal}; do
  if declare -F "stop_$s" >/dev/null; then "stop_$s"; fi
done
