# manage.sh config-check: what the config linter says of a config file (the same warnings both
# processes log at startup, plus invalid values). Exits non-zero when a finding is an error.

cmd_config_check() {
  local file="${1:-}"
  if [ $# -gt 1 ]; then err "config-check: at most one FILE"; return 2; fi
  if [ -z "$file" ]; then
    for file in "$ROOT/config.json" "$DATA_DIR/config.json" ""; do [ -z "$file" ] || [ -f "$file" ] && break; done
    if [ -z "$file" ]; then say "no config.json (repo root or data/): built-in defaults apply"; return 0; fi
  fi
  [ -f "$file" ] || { err "config-check: $file does not exist"; return 2; }
  need_go
  mkdir -p "$BIN_DIR"
  go build -ldflags "$(version_ldflags)" -o "$BIN_DIR/corescope-server" ./cmd/server || return 1
  "$BIN_DIR/corescope-server" -config "$file" -check-config
}
