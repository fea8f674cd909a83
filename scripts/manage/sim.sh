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
  # The simulator scopes part of its floods to named regions: let the ingestor match them
  # (scope_name, declared regions, transported scopes) unless the operator chose regions.
  if [ -z "${HASH_REGIONS:-}" ] && [ ! -f "$ROOT/config.json" ] && [ ! -f "$DATA_DIR/config.json" ]; then
    HASH_REGIONS="$("$BIN_DIR/corescope-meshsim" -print-scope-regions)" && export HASH_REGIONS
    say "demo scope regions: $HASH_REGIONS"
  fi
  # The simulator's mobile clients report receptions with GPS: let both processes store and
  # serve them (RX Coverage page, Reach overlay) unless the operator has a config file.
  if [ -z "${CLIENT_RX_COVERAGE:-}" ] && [ ! -f "$ROOT/config.json" ] && [ ! -f "$DATA_DIR/config.json" ]; then
    export CLIENT_RX_COVERAGE=true
    say "demo client RX coverage: on"
  fi
  say "open http://localhost:${PORT:-3000} — simulated traffic starts with the stack"
  cmd_run --demo
}

# cmd_bench measures the real binaries on 127.0.0.1 and prints one table (cmd/loadgen):
#  1. a simulated dataset of the chosen size and shape, cached in data/bench/ (the
#     profile sets observations per transmission: realistic ≈ 5, fixture 1, dense ≈ 26);
#  2. a reflink/sparse copy of it (the cached file stays pristine) under Mosquitto +
#     ingestor + server (loadstack_start in soak.sh): startup-to-ready, RSS at ready /
#     peak during the load / after the endpoint load, latency percentiles + req/s at 50
#     connections per endpoint;
#  3. unless --skip-ingest: new unique packets (≈ obs-per-tx observer messages each) into
#     that copy with the server following: a QoS 1 burst (commit rate, publish → WebSocket
#     during it), then 250 obs/s with 500 /ws clients (publish → commit / WebSocket);
#  4. the server's first full analytics pass, from its log.
# Usage: ./manage.sh bench [--size 100k|1m|10m|<N>k|<N>m] [--profile realistic|fixture|dense]
#          [--obs-per-tx N] [--duration 5s] [--rebuild] [--skip-ingest] [--burst 200000]
#          [--burst-ws 20] [--paced 30s]
cmd_bench() {
  local size=1m profile=realistic opt="" dur=5s rebuild=0 skip_ingest=0 burst=200000 burst_ws=20 paced=30s
  while [ $# -gt 0 ]; do
    case "$1" in
      --size) size="${2:-}"; shift ;;
      --profile) profile="${2:-}"; shift ;;
      --obs-per-tx) opt="${2:-}"; shift ;;
      --duration) dur="${2:-}"; shift ;;
      --rebuild) rebuild=1 ;;
      --skip-ingest) skip_ingest=1 ;;
      --burst) burst="${2:-}"; shift ;;
      --burst-ws) burst_ws="${2:-}"; shift ;;
      --paced) paced="${2:-}"; shift ;;
      *) err "bench: unknown flag $1"; return 2 ;;
    esac
    shift
  done
  local count
  case "$size" in
    [1-9]*k) count="${size%k}000" ;;
    [1-9]*m) count="${size%m}000000" ;;
    *) count="" ;;
  esac
  [[ "$count" =~ ^[0-9]+$ ]] || { err "bench: --size must be like 100k, 1m or 10m"; return 2; }
  [[ -z "$opt" || "$opt" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { err "bench: --obs-per-tx must be a number ≥ 1"; return 2; }
  # Worlds: realistic and fixture have the production shape's 200 nodes and 31 observers;
  # dense keeps the earlier benches' worlds. Simulated time grows with the size.
  local world=() span=24h
  [ "$count" -gt 100000 ] && span=72h
  [ "$count" -gt 1000000 ] && span=240h
  case "$profile" in
    realistic|fixture) ;;
    dense)
      if [ "$count" -le 100000 ]; then world=(-nodes 80 -observers 8)
      elif [ "$count" -le 1000000 ]; then world=(-nodes 300 -observers 20)
      else world=(-nodes 1000 -observers 40); fi ;;
    *) err "bench: --profile must be realistic, fixture or dense"; return 2 ;;
  esac
  [ -n "$opt" ] && world+=(-obs-per-tx "$opt")
  need_go
  need_pkg /usr/sbin/mosquitto mosquitto
  mkdir -p "$BIN_DIR"
  local c
  for c in meshsim loadgen server ingestor; do
    say "building bin/corescope-$c"
    go build -ldflags "$(version_ldflags)" -o "$BIN_DIR/corescope-$c" "./cmd/$c" || return 1
  done
  local dir="$DATA_DIR/bench" db
  db="$dir/bench-$size-$profile${opt:+-$opt}.db"
  mkdir -p "$dir"
  if [ "$rebuild" -eq 1 ] || [ ! -f "$db" ]; then
    rm -f "$db" "$db-wal" "$db-shm" "$db.shape.json"
    say "building the $size $profile dataset ($count observations${world:+, ${world[*]}}, over $span)"
    local t0=$SECONDS
    "$BIN_DIR/corescope-meshsim" -db "$db.tmp" -count "$count" -profile "$profile" "${world[@]}" -span "$span" \
      2> >(grep -v 'db-slow-writer' >&2) || { rm -f "$db.tmp"*; return 1; }
    mv "$db.tmp" "$db"; rm -f "$db.tmp-wal" "$db.tmp-shm"
    say "dataset built in $((SECONDS - t0)) s: $db"
  fi
  local ingest_args=()
  if [ "$skip_ingest" -eq 0 ]; then
    ingest_args=(-burst "$burst" -burst-ws "$burst_ws" -paced "$paced" -profile "$profile" "${world[@]}")
  fi
  # A subshell keeps soak_cleanup's trap (it stops the stack and removes the run dir).
  (
    SOAK_PIDS=()
    SOAK_DIR="$(mktemp -d "$dir/run.XXXXXX")"
    trap soak_cleanup EXIT
    trap 'exit 130' INT TERM
    say "copying the dataset (reflink where the filesystem can, else a sparse copy; the cached file is not written)"
    # cp cannot combine --reflink=always with --sparse=always, so try one, then the other.
    cp --reflink=always "$db" "$SOAK_DIR/bench.db" 2>/dev/null || cp --sparse=always "$db" "$SOAK_DIR/bench.db" || exit 1
    # The shape is counted once per dataset, on the copy and before the server starts,
    # so counting neither touches the cached file nor competes with the server's load.
    if [ ! -s "$db.shape.json" ] || [ "$db.shape.json" -ot "$db" ]; then
      "$BIN_DIR/corescope-loadgen" -dataset "$SOAK_DIR/bench.db" -shape-out "$db.shape.json" || exit 1
    fi
    # Retention off: the cached dataset may be older than the default node retention.
    LS_WAIT_READY=0 loadstack_start "$BIN_DIR" "$SOAK_DIR" "$SOAK_DIR/bench.db" \
      '{"retention":{"nodeDays":36500,"observerDays":-1,"packetDays":0}}' || exit 1
    if [ "$skip_ingest" -eq 0 ]; then
      ingest_args+=(-broker "tcp://127.0.0.1:$LS_MQTT" -stats "$CORESCOPE_INGESTOR_STATS")
    fi
    say "measuring: ready, RSS, $dur per endpoint at 50 connections${ingest_args:+, then the ingest phase}"
    "$BIN_DIR/corescope-loadgen" -base "http://127.0.0.1:$LS_WEB" -pid "$LS_SPID" -started-ns "$LS_STARTED_NS" \
      -duration "$dur" -label "$size $profile" -shape-in "$db.shape.json" -db "$DB_PATH" -server-log "$SOAK_DIR/server.log" \
      "${ingest_args[@]}" || { SOAK_KEEP=1; err "bench failed; logs in $SOAK_DIR"; exit 1; }
  )
}
