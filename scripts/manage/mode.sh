# Deployment mode for operator commands: "docker" when an engine answers, otherwise "native"
# (our binaries under supervisord with Debian's mosquitto and caddy, using the same docker/ files).
# Override with CORESCOPE_MODE=docker|native.

IMAGE="${CORESCOPE_IMAGE:-corescope:latest}"
CONTAINER="${CORESCOPE_CONTAINER:-corescope}"
NATIVE_APP="$DATA_DIR/app"
NATIVE_RUN="$DATA_DIR/run"
NATIVE_LOG="$DATA_DIR/logs/corescope.log"

MODE=""
detect_mode() {
  [ -n "$MODE" ] && return 0
  case "${CORESCOPE_MODE:-auto}" in
    docker|native) MODE="$CORESCOPE_MODE"; say "mode: $MODE (CORESCOPE_MODE)"; return 0 ;;
    auto) ;;
    *) err "CORESCOPE_MODE must be docker, native or auto"; exit 2 ;;
  esac
  if ! command -v docker >/dev/null 2>&1; then
    MODE=native; say "mode: native (no docker command found)"
  elif ! docker info >/dev/null 2>&1; then
    MODE=native; say "mode: native (docker is installed but no engine answers 'docker info')"
  else
    MODE=docker; say "mode: docker (engine reachable)"
  fi
}

load_env_file() {
  local f="$DATA_DIR/.env"
  [ -f "$f" ] || return 0
  set -a
  # shellcheck disable=SC1090
  . <(tr -d '\r' < "$f")
  set +a
}

db_file() { echo "${DB_PATH:-$DATA_DIR/meshcore.db}"; }
web_port() { echo "${PORT:-3000}"; }

native_pid() {
  local pidf="$NATIVE_RUN/supervisord.pid"
  [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null && cat "$pidf"
}
