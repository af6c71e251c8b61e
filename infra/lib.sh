#!/usr/bin/env bash
# Shared helpers for the infra scripts: paths, pinned versions, ports, process bookkeeping.
# Every service lives under $INFRA_DIR (git-ignored .infra/ by default) and listens on loopback.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INFRA_DIR="${INFRA_DIR:-$ROOT/.infra}"
# Logs, pid files, data and generated config of the running services. The same as $INFRA_DIR unless a
# caller (test/chaos) points it elsewhere to run private instances of the binaries installed there.
INFRA_STATE_DIR="${INFRA_STATE_DIR:-$INFRA_DIR}"
LOG_DIR="$INFRA_STATE_DIR/logs"
RUN_DIR="$INFRA_STATE_DIR/run"
DATA_DIR="$INFRA_STATE_DIR/data"
mkdir -p "$LOG_DIR" "$RUN_DIR" "$DATA_DIR"

# Pinned versions (change here only).
TEMPORAL_CLI_VERSION="v1.5.1"   # newest tag whose go.mod has no replace directive
KAFKA_VERSION="3.9.2"           # kafkajs 2.2.4 needs protocol versions Kafka 4.0 removed
TEMPORAL_TEST_SERVER_VERSION="1.38.0"
TEMPORAL_SERVER_VERSION="v1.29.1" # Temporal server of the cluster profile (its go.mod has no replace)
PROMETHEUS_DEB_VERSION="2.42.0+ds-5+deb12u1" # Debian 12's prometheus package (infra/services/prometheus.sh)

# Ports (same variable names as the application config).
TEMPORAL_HOST="${TEMPORAL_HOST:-127.0.0.1}"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }

# require_cmd <command> <debian package>: one clear line when a toolchain is missing.
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found: install it with 'apt-get install -y $2'"
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_until <seconds> <description> <command...>: poll a condition with a deadline.
wait_until() {
  local deadline=$(($(date +%s) + $1)) what="$2"
  shift 2
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
  log "$what: ready"
}

pid_file() { echo "$RUN_DIR/$1.pid"; }

# A service is "ours" only if we recorded its pid and that process still runs.
is_running() {
  local f
  f="$(pid_file "$1")"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# start_bg <name> <command...>: start detached in its own session, log to .infra/logs/<name>.log.
start_bg() {
  local name="$1"
  shift
  setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
}

# stop_service <name>: TERM the process group we started, KILL after a grace period.
stop_service() {
  local name="$1" f pid
  f="$(pid_file "$name")"
  if ! is_running "$name"; then
    rm -f "$f"
    log "$name: not running (nothing of ours to stop)"
    return 0
  fi
  pid="$(cat "$f")"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$f"
  log "$name: stopped"
}

# The service list the scripts act on; INFRA_SERVICES="temporal kafka postgres" etc. Also available, never
# by default: cluster (Temporal on PostgreSQL, infra/services/cluster.sh), prometheus, testserver, schemathesis,
# chromium.
services() { echo "${INFRA_SERVICES:-temporal kafka}"; }

for svc in "$ROOT"/infra/services/*.sh; do
  # shellcheck source=/dev/null
  . "$svc"
done
