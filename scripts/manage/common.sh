# Shared helpers for manage.sh: logging, dependency installation, building.

BIN_DIR="${BIN_DIR:-$ROOT/bin}"
DATA_DIR="${DATA_DIR:-$ROOT/data}"

say()  { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
err()  { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; }

# as_root runs a command as root, via sudo when we are not root already.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else err "need root to run: $*"; return 1
  fi
}

APT_UPDATED=0
# apt_install installs the named Debian packages when the probe command is missing.
# Usage: need_pkg <probe-path-or-command> <package>...
need_pkg() {
  local probe="$1"; shift
  if [ -x "$probe" ] || command -v "$probe" >/dev/null 2>&1; then return 0; fi
  if ! command -v apt-get >/dev/null 2>&1; then
    err "$probe is missing and apt-get is not available; install: $*"; return 1
  fi
  say "installing $* (apt)"
  if [ "$APT_UPDATED" -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

need_go() {
  command -v go >/dev/null 2>&1 && return 0
  [ -x /usr/local/go/bin/go ] && { export PATH="/usr/local/go/bin:$PATH"; return 0; }
  err "Go is not installed (need Go 1.26+: https://go.dev/dl)"; return 1
}

need_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && return 0
  need_pkg node nodejs npm
}

# npm_deps runs `npm ci` when package-lock.json changed since the last install.
npm_deps() {
  [ -f "$ROOT/package-lock.json" ] || return 0
  need_node
  local stamp="$ROOT/node_modules/.corescope-lock-sha"
  local sum; sum="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return 0; fi
  say "installing npm packages (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$sum" > "$stamp"
}

version_ldflags() {
  local v c
  v="$(git -C "$ROOT" describe --tags --always --dirty 2>/dev/null || echo dev)"
  c="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "-X github.com/corescope/corescope/internal/version.version=$v -X github.com/corescope/corescope/internal/version.commit=$c -X github.com/corescope/corescope/internal/version.buildTime=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}

# cmd_build [NAME...] builds bin/corescope-<name> from cmd/<name> for each NAME (every main
# package under cmd/ when none is named). A binary is built at most once per manage.sh command, so
# commands that call each other (demo → run, update → restart → start) do not rebuild.
BUILT_BINS=" "
cmd_build() {
  need_go
  mkdir -p "$BIN_DIR"
  local names=("$@") d name
  if [ ${#names[@]} -eq 0 ]; then
    for d in "$ROOT"/cmd/*/; do
      ls "$d"*.go >/dev/null 2>&1 && names+=("$(basename "$d")")
    done
  fi
  for name in "${names[@]}"; do
    [ -d "$ROOT/cmd/$name" ] || { err "build: no command cmd/$name"; return 2; }
    case "$BUILT_BINS" in *" $name "*) continue ;; esac
    say "building bin/corescope-$name"
    go build -ldflags "$(version_ldflags)" -o "$BIN_DIR/corescope-$name" "./cmd/$name" || return 1
    BUILT_BINS="$BUILT_BINS$name "
  done
}

# free_port prints a free TCP port on 127.0.0.1.
free_port() {
  python3 - <<'PY' 2>/dev/null || node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
import socket
s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()
PY
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# derive_mosquitto_conf writes docker/mosquitto.conf with another port, bind address and
# persistence dir into DIR and prints the new file's path (everything else is the shipped file).
derive_mosquitto_conf() {
  local port="$1" dir="$2" bind="${3:-0.0.0.0}"
  mkdir -p "$dir"
  sed -e "s#^listener .*#listener $port $bind#" \
      -e "s#^persistence_location .*#persistence_location $dir/#" \
      "$ROOT/docker/mosquitto.conf" > "$dir/mosquitto.conf"
  # Run as the invoking user so the broker can write its persistence file in our data dir
  # (as root, mosquitto would otherwise switch to the mosquitto user and get EACCES).
  echo "user $(id -un)" >> "$dir/mosquitto.conf"
  echo "$dir/mosquitto.conf"
}
