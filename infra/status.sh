#!/usr/bin/env bash
# One line per service (per process for `cluster`): up/down, its ports, its pid. By default the
# services of $INFRA_SERVICES, Prometheus (opt-in, so its URL is easy to find) and the test server.
. "$(dirname "$0")/lib.sh"
defaults="$(services)"
[[ " $defaults " == *" prometheus "* ]] || defaults+=" prometheus"
for s in ${*:-$defaults testserver}; do "status_$s"; done
