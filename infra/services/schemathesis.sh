# Schemathesis, the independent OpenAPI fuzzer of the API tests (issue #15): a pinned release from
# PyPI in a virtualenv under .infra/ (git-ignored). Not a daemon: scripts/fuzz-api.sh runs it against
# an API it starts itself.
SCHEMATHESIS_VERSION="4.32.5"
SCHEMATHESIS_HOME="$INFRA_DIR/schemathesis"
SCHEMATHESIS_BIN="$SCHEMATHESIS_HOME/bin/schemathesis"

install_schemathesis() {
  local stamp="$SCHEMATHESIS_HOME/.version-$SCHEMATHESIS_VERSION"
  [ -x "$SCHEMATHESIS_BIN" ] && [ -f "$stamp" ] && return 0
  require_cmd python3 python3-venv
  log "schemathesis: installing $SCHEMATHESIS_VERSION from PyPI into $SCHEMATHESIS_HOME"
  rm -rf "$SCHEMATHESIS_HOME"
  # Debian's python3 ships venv separately: install it when we can (root, apt-get), as CI machines start bare.
  python3 -m venv "$SCHEMATHESIS_HOME" 2>>"$LOG_DIR/install.log" || {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null &&
      apt-get install -y -q python3-venv >>"$LOG_DIR/install.log" 2>&1 &&
      python3 -m venv "$SCHEMATHESIS_HOME"
  } || die "python3 -m venv failed: install it with 'apt-get install -y python3-venv'"
  "$SCHEMATHESIS_HOME/bin/pip" install --quiet --disable-pip-version-check \
    "schemathesis==$SCHEMATHESIS_VERSION" >>"$LOG_DIR/install.log" 2>&1 ||
    die "pip install schemathesis==$SCHEMATHESIS_VERSION failed; see $LOG_DIR/install.log"
  touch "$stamp"
  log "schemathesis: $("$SCHEMATHESIS_BIN" --version) installed"
}

start_schemathesis() { install_schemathesis; }
stop_schemathesis() { :; }
status_schemathesis() {
  if [ -x "$SCHEMATHESIS_BIN" ]; then echo "schemathesis installed  $SCHEMATHESIS_BIN (run by scripts/fuzz-api.sh)";
  else echo "schemathesis not installed"; fi
}
