#!/usr/bin/env bash
# Install every pinned server into .infra/ (idempotent; only the first run builds or downloads).
# Usage: infra/install.sh [service...]   (default: temporal kafka testserver; `cluster` builds the
# Temporal server of the cluster profile, infra/services/cluster.sh; `prometheus` installs Debian's package,
# infra/services/prometheus.sh)
. "$(dirname "$0")/lib.sh"
for s in ${*:-temporal kafka testserver}; do "install_$s"; done
