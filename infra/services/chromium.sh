# Chromium for the console's browser tests (issue #16): Debian's `chromium` package, driven by
# playwright-core from npm (which downloads no browser). CHROMIUM_PATH points elsewhere if needed.
CHROMIUM_BIN="${CHROMIUM_PATH:-/usr/bin/chromium}"

# The console is in Chinese: without a CJK font chromium draws every character as a box.
chromium_has_cjk_font() { command -v fc-list >/dev/null && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]; }

install_chromium() {
  [ -x "$CHROMIUM_BIN" ] && chromium_has_cjk_font && return 0
  # Bare CI machines lack them: install them when we can (root, apt-get), as for python3-venv.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "chromium: installing Debian's chromium and fonts-noto-cjk packages with apt-get"
    local pkgs=(chromium fonts-noto-cjk)
    { apt-get install -y -q --no-install-recommends "${pkgs[@]}" ||
      { apt-get update -q && apt-get install -y -q --no-install-recommends "${pkgs[@]}"; }; } \
      >>"$LOG_DIR/install.log" 2>&1 || die "apt-get install ${pkgs[*]} failed; see $LOG_DIR/install.log"
  fi
  [ -x "$CHROMIUM_BIN" ] || die "'$CHROMIUM_BIN' not found: install it with 'apt-get install -y chromium' or set CHROMIUM_PATH"
  chromium_has_cjk_font || die "no Chinese font: install one with 'apt-get install -y fonts-noto-cjk'"
  log "chromium: $("$CHROMIUM_BIN" --version 2>/dev/null) installed"
}

start_chromium() { install_chromium; }
stop_chromium() { :; }
status_chromium() {
  if [ -x "$CHROMIUM_BIN" ]; then echo "chromium installed  $CHROMIUM_BIN (run by the console tests)";
  else echo "chromium not installed"; fi
}
