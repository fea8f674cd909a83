# manage.sh demo: the full stack fed by the mesh simulator (cmd/meshsim), so a newcomer
# sees a living dashboard within a minute. manage.sh bench: see cmd_bench below.

# cmd_demo starts Mosquitto + ingestor + server like `run --demo`. Without a config.json
# or CHANNEL_KEYS_PATH the ingestor also gets the simulator's hashtag channel keys, so
# every simulated channel decrypts. Traffic runs at the simulator's live pace (5 packets/s).
cmd_demo() {
  if [ $# -gt 0 ]; then err "demo: unexpected argument $1"; return 2; fi
  need_go
  cmd_build
  mkdir -p "$DATA_DIR"
  if [ -z "${CHANNEL_KEYS_PATH:-}" ] && [ ! -f "$ROOT/config.json" ] && [ ! -f "$DATA_DIR/config.json" ]; then
    export CHANNEL_KEYS_PATH="$DATA_DIR/demo-channel-keys.json"
    "$BIN_DIR/corescope-meshsim" -write-channel-keys "$CHANNEL_KEYS_PATH"
    say "demo channel keys: $CHANNEL_KEYS_PATH"
  fi
  say "open http://localhost:${PORT:-3000} — simulated traffic starts with the stack"
  cmd_run --demo
}

# cmd_bench builds a simulated dataset (cached in data/bench/), starts the real server on
# it on 127.0.0.1 for a bounded time, and prints startup-to-ready time, RSS and latency
# percentiles + req/s at 50 connections per endpoint (cmd/loadgen).
# Usage: ./manage.sh bench [--size 1m|10m] [--duration 10s] [--rebuild]
cmd_bench() {
  local size=1m dur=10s rebuild=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --size) size="${2:-}"; shift ;;
      --duration) dur="${2:-}"; shift ;;
      --rebuild) rebuild=1 ;;
      *) err "bench: unknown flag $1"; return 2 ;;
    esac
    shift
  done
  local count nodes observers span
  case "$size" in
    1m)  count=1000000;  nodes=300;  observers=20; span=72h ;;
    10m) count=10000000; nodes=1000; observers=40; span=240h ;;
    *) err "bench: --size must be 1m or 10m"; return 2 ;;
  esac
  need_go
  mkdir -p "$BIN_DIR"
  local c
  for c in meshsim loadgen server; do
    say "building bin/corescope-$c"
    go build -ldflags "$(version_ldflags)" -o "$BIN_DIR/corescope-$c" "./cmd/$c" || return 1
  done
  local dir="$DATA_DIR/bench" db
  db="$dir/bench-$size.db"
  mkdir -p "$dir"
  if [ "$rebuild" -eq 1 ] || [ ! -f "$db" ]; then
    rm -f "$db" "$db-wal" "$db-shm"
    say "building the $size dataset ($count observations, $nodes nodes, $observers observers)"
    local t0=$SECONDS
    "$BIN_DIR/corescope-meshsim" -db "$db.tmp" -count "$count" -nodes "$nodes" -observers "$observers" -span "$span" \
      2> >(grep -v 'db-slow-writer' >&2) || { rm -f "$db.tmp"*; return 1; }
    mv "$db.tmp" "$db"; rm -f "$db.tmp-wal" "$db.tmp-shm"
    say "dataset built in $((SECONDS - t0)) s: $db"
  fi
  local port; port="$(free_port)"
  local srvflags=()
  if "$BIN_DIR/corescope-server" -h 2>&1 | grep -q -- '-listen'; then
    srvflags+=(-listen "127.0.0.1:$port")
  fi
  [ -d "$ROOT/public" ] && srvflags+=(-public "$ROOT/public")
  say "starting corescope-server on port $port (at most 30 min; measured over 127.0.0.1)"
  local started; started="$(date +%s%N)"
  (cd "$dir" && DB_PATH="$db" PORT="$port" exec timeout 1800 "$BIN_DIR/corescope-server" "${srvflags[@]}") \
    >"$dir/server.log" 2>&1 &
  local pid=$!
  # shellcheck disable=SC2064 # expand pid now: the trap must stop this server
  trap "kill -TERM $pid 2>/dev/null || true" INT TERM EXIT
  # The server is the child of timeout; measure the server itself.
  local spid="" i
  for i in $(seq 50); do spid="$(pgrep -P "$pid" -x corescope-serve || true)"; [ -n "$spid" ] && break; sleep 0.1; done
  local rc=0
  "$BIN_DIR/corescope-loadgen" -base "http://127.0.0.1:$port" -pid "${spid:-$pid}" -started-ns "$started" \
    -duration "$dur" -label "$size" -db "$db" || rc=$?
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  trap - INT TERM EXIT
  [ "$rc" -eq 0 ] || err "bench failed; server log: $dir/server.log"
  return "$rc"
}
