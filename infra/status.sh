#!/usr/bin/env bash
# One line per service (per process for `cluster`): up/down, its ports, its pid.
. "$(dirname "$0")/lib.sh"
for s in ${*:-$(services) testserver}; do "status_$s"; done
