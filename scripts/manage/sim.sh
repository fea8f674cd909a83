# manage.sh demo: the full stack fed by the mesh simulator (cmd/meshsim), so a newcomer
# sees a living dashboard within a minute. manage.sh bench: see cmd_bench below.

# cmd_demo starts Mosquitto + ingestor + server like `run --demo`. Without a config.json
# or CHANNEL_KEYS_PATH the ingestor also gets the simulator's hashtag channel keys, so
# every simulated channel decrypts. Traffic runs at the simulator's live pace (5 packets/s).
cmd_demo() {
  if [ $# -gt 0 ]; then err "demo: unexpected argument $1"; return 2; fi
  need_go
  cmd_build meshsim || return 1
  mkdir -p "$DATA_DIR"
  if [ -z "${CHANNEL_KEYS_PATH:-}" ] && [ ! -f "$ROOT/config.json" ] && [ ! -f "$DATA_DIR/config.json" ]; then
    export CHANNEL_KEYS_PATH="$DATA_DIR/demo-channel-keys.json"
    "$BIN_DIR/corescope-meshsim" -write-channel-keys "$CHANNEL_KEYS_PATH"
    say "demo channel keys: $CHANNEL_KEYS_PATH"
  fi
  say "open http://localhost:${PORT:-3000} — simulated traffic starts with the stack"
  cmd_run --demo
}

# cmd_bench measures the real binaries on 127.0.0.1 in two bounded phases and prints one
# table (cmd/loadgen):
#  1. ingest: real Mosquitto + ingestor + server on a fresh temp database (loadstack_start in
#     soak.sh); a QoS 1 burst (sustained commit rate), then 250 obs/s paced with 500 /ws
#     clients (publish → commit and publish → WebSocket percentiles, delivered fraction);
#  2. dataset: a simulated dataset (cached in data/bench/), the server started on it
#     (startup-to-ready, RSS) and latency percentiles + req/s at 50 connections per endpoint.
# Usage: ./manage.sh bench [--size 1m|10m] [--duration 5s] [--rebuild] [--skip-ingest]
#                          [--burst 200000] [--paced 30s]
cmd_bench() {
  local size=1m dur=5s rebuild=0 skip_ingest=0 burst=200000 paced=30s
  while [ $# -gt 0 ]; do
    case "$1" in
      --size) size="${2:-}"; shift ;;
      --duration) dur="${2:-}"; shift ;;
      --rebuild) rebuild=1 ;;
      --skip-ingest) skip_ingest=1 ;;
      --burst) burst="${2:-}"; shift ;;
      --paced) paced="${2:-}"; shift ;;
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
  for c in meshsim loadgen server ingestor; do
    say "building bin/corescope-$c"
    go build -ldflags "$(version_ldflags)" -o "$BIN_DIR/corescope-$c" "./cmd/$c" || return 1
  done
  local dir="$DATA_DIR/bench" db ingest_args=()
  db="$dir/bench-$size.db"
  mkdir -p "$dir"
  if [ "$skip_ingest" -eq 0 ]; then
    bench_ingest "$burst" "$paced" "$dir/ingest.json" || return 1
    ingest_args=(-ingest-in "$dir/ingest.json")
  fi
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
    -duration "$dur" -label "$size" -db "$db" "${ingest_args[@]}" || rc=$?
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  trap - INT TERM EXIT
  [ "$rc" -eq 0 ] || err "bench failed; server log: $dir/server.log"
  return "$rc"
}

# bench_ingest BURST PACED OUT runs the ingest phase of cmd_bench on a throwaway stack in a
# subshell (so its cleanup trap stays there) and writes loadgen's result to OUT.
bench_ingest() {
  local burst="$1" paced="$2" out="$3"
  need_pkg /usr/sbin/mosquitto mosquitto
  rm -f "$out"
  (
    SOAK_PIDS=()
    SOAK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/corescope-bench.XXXXXX")"
    trap soak_cleanup EXIT
    trap 'exit 130' INT TERM
    loadstack_start "$BIN_DIR" "$SOAK_DIR" || exit 1
    say "ingest phase: $burst messages as fast as possible (at most 20,000 uncommitted), then 250 obs/s for $paced with 500 WebSocket clients"
    timeout 600 "$BIN_DIR/corescope-loadgen" -base "http://127.0.0.1:$LS_WEB" -broker "tcp://127.0.0.1:$LS_MQTT" \
      -db "$DB_PATH" -stats "$CORESCOPE_INGESTOR_STATS" -burst "$burst" -paced "$paced" -ingest-out "$out" || { SOAK_KEEP=1; exit 1; }
  ) || { err "bench ingest phase failed"; return 1; }
}
