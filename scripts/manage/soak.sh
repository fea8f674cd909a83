# manage.sh soak: the load/soak run of issue #10 (docs/reliability.md). Builds the binaries,
# starts Mosquitto, the ingestor (fresh database) and the server on free 127.0.0.1 ports in a
# temp dir, and runs cmd/soak against them: 250 obs/s published over MQTT, 500 WebSocket
# clients (10 of which stop reading), 50 concurrent API clients. Prints errors, published vs
# stored, server RSS min/max, slow clients dropped and the normal clients' delivery rate;
# exits non-zero when a check fails. Everything is stopped and removed afterwards
# (SOAK_KEEP=1 keeps the temp dir with the logs).
# Usage: ./manage.sh soak [--minutes 5] [--rate 250] [--ws 500] [--slow 10] [--api 50]
SOAK_PIDS=()
SOAK_DIR=""

# soak_cleanup stops what cmd_soak started (newest first) and removes its temp dir.
soak_cleanup() {
  local i p
  for ((i=${#SOAK_PIDS[@]}-1; i>=0; i--)); do kill -TERM "${SOAK_PIDS[$i]}" 2>/dev/null || true; done
  for p in "${SOAK_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  SOAK_PIDS=()
  [ -n "$SOAK_DIR" ] || return 0
  if [ "${SOAK_KEEP:-0}" = 1 ]; then say "logs kept in $SOAK_DIR"; else rm -rf "$SOAK_DIR"; fi
  SOAK_DIR=""
}

# loadstack_start BIN DIR [DB [CONFIG]] starts Mosquitto, the ingestor and the server on
# free 127.0.0.1 ports, with logs in DIR, on database DB (default: a fresh DIR/soak.db)
# and config JSON CONFIG (default: perf and metrics open, for soak's clients); pids go to SOAK_PIDS (stopped by soak_cleanup).
# Sets LS_WEB, LS_MQTT (ports), LS_SPID (server pid) and LS_STARTED_NS (when the server
# was started); exports DB_PATH and CORESCOPE_INGESTOR_STATS. Waits for /api/healthz
# unless LS_WAIT_READY=0 (the bench times readiness itself). Used by soak and bench.
loadstack_start() {
  local bin="$1" dir="$2" db="${3:-$2/soak.db}" config="${4:-}"
  # A throwaway loopback stack: soak's clients read /api/perf and /metrics without a key.
  [ -n "$config" ] || config='{"operator":{"publicPerf":true,"publicMetrics":true}}'
  local mqtt web metrics
  mqtt="$(free_port)"; web="$(free_port)"; metrics="$(free_port)"
  local conf; conf="$(derive_mosquitto_conf "$mqtt" "$dir/mosquitto" 127.0.0.1)"
  /usr/sbin/mosquitto -c "$conf" >"$dir/mosquitto.log" 2>&1 &
  SOAK_PIDS+=($!)
  export DB_PATH="$db" CORESCOPE_INGESTOR_STATS="$dir/stats.json" MQTT_BROKER="tcp://127.0.0.1:$mqtt" MQTT_TOPIC="meshcore/#"
  export PORT="$web" CORESCOPE_INJECT_LISTEN="" CORESCOPE_METRICS_LISTEN="127.0.0.1:$metrics"
  printf '%s\n' "$config" > "$dir/config.json"
  say "starting the ingestor (broker 127.0.0.1:$mqtt)"
  "$bin/corescope-ingestor" -config "$dir/config.json" >"$dir/ingestor.log" 2>&1 &
  SOAK_PIDS+=($!)
  local i
  for i in $(seq 300); do [ -s "$CORESCOPE_INGESTOR_STATS" ] && break; sleep 0.2; done
  [ -s "$CORESCOPE_INGESTOR_STATS" ] || { err "ingestor did not start"; tail -20 "$dir/ingestor.log"; return 1; }
  say "starting the server on 127.0.0.1:$web"
  LS_STARTED_NS="$(date +%s%N)"
  "$bin/corescope-server" -config "$dir/config.json" -public "$ROOT/public" -vendor "$ROOT/node_modules" >"$dir/server.log" 2>&1 &
  LS_SPID=$!
  SOAK_PIDS+=("$LS_SPID")
  LS_WEB="$web" LS_MQTT="$mqtt"
  [ "${LS_WAIT_READY:-1}" = 0 ] && return 0
  for i in $(seq 600); do
    curl -fsS "http://127.0.0.1:$web/api/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$web/api/healthz" >/dev/null 2>&1 || { err "server not healthy"; tail -20 "$dir/server.log"; return 1; }
}

cmd_soak() {
  local minutes=5 rate=250 ws=500 slow=10 api=50
  while [ $# -gt 0 ]; do
    case "$1" in
      --minutes) minutes="${2:-}"; shift ;;
      --rate) rate="${2:-}"; shift ;;
      --ws) ws="${2:-}"; shift ;;
      --slow) slow="${2:-}"; shift ;;
      --api) api="${2:-}"; shift ;;
      *) err "soak: unknown flag $1"; return 2 ;;
    esac
    shift
  done
  [[ "$minutes" =~ ^[0-9]+$ ]] && [ "$minutes" -ge 1 ] || { err "soak: --minutes must be a whole number ≥ 1"; return 2; }
  need_go
  need_pkg /usr/sbin/mosquitto mosquitto
  local dir; dir="$(mktemp -d "${TMPDIR:-/tmp}/corescope-soak.XXXXXX")"
  local c
  for c in ingestor server soak; do
    say "building corescope-$c"
    go build -ldflags "$(version_ldflags)" -o "$dir/corescope-$c" "./cmd/$c" || { rm -rf "$dir"; return 1; }
  done
  SOAK_PIDS=()
  SOAK_DIR="$dir"
  trap soak_cleanup EXIT
  trap 'exit 130' INT TERM
  loadstack_start "$dir" "$dir" || return 1
  local web="$LS_WEB" mqtt="$LS_MQTT" spid="$LS_SPID"
  say "soak for $minutes min: $rate obs/s, $ws WebSocket clients ($slow slow), $api API clients"
  local rc=0
  "$dir/corescope-soak" -base "http://127.0.0.1:$web" -broker "tcp://127.0.0.1:$mqtt" -db "$DB_PATH" \
    -stats "$CORESCOPE_INGESTOR_STATS" -pid "$spid" -rate "$rate" -ws "$ws" -slow "$slow" -api "$api" \
    -duration "${minutes}m" || rc=$?
  say "log lines at ERROR level: ingestor $(grep -c 'level=ERROR' "$dir/ingestor.log"), server $(grep -c 'level=ERROR' "$dir/server.log")"
  return $rc
}
