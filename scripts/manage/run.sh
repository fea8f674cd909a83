# manage.sh run: build and start Mosquitto + ingestor + server in the foreground (developer mode,
# no Docker). Ctrl+C stops all three. Data lives in ./data (DB, broker persistence, logs).

RUN_PIDS=()
RUN_STOPPING=0

stop_all() {
  local pid
  trap - INT TERM EXIT
  [ "$RUN_STOPPING" -eq 1 ] && return 0
  RUN_STOPPING=1
  say "stopping"
  for ((i=${#RUN_PIDS[@]}-1; i>=0; i--)); do
    pid="${RUN_PIDS[$i]}"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${RUN_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

# start_mosquitto starts a broker on MQTT_PORT unless one already listens there. A broker on
# another port than 1883 keeps its persistence in its own directory (a second instance).
start_mosquitto() {
  local port="$1" dir="$DATA_DIR/mosquitto"
  if port_in_use "$port"; then
    say "an MQTT broker already listens on 127.0.0.1:$port; using it"
    return 0
  fi
  [ "$port" = 1883 ] || dir="$DATA_DIR/mosquitto-$port"
  local conf; conf="$(derive_mosquitto_conf "$port" "$dir" 127.0.0.1)"
  say "starting mosquitto on 127.0.0.1:$port"
  /usr/sbin/mosquitto -c "$conf" &
  RUN_PIDS+=($!)
}

cmd_run() {
  local demo=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --demo) demo=1 ;;
      *) err "run: unknown flag $1"; return 2 ;;
    esac
    shift
  done
  need_go
  need_pkg /usr/sbin/mosquitto mosquitto
  npm_deps
  if [ "$demo" -eq 1 ]; then cmd_build ingestor server meshsim || return 1; else cmd_build ingestor server || return 1; fi
  mkdir -p "$DATA_DIR"
  local cfg="$ROOT/config.json"
  [ -f "$cfg" ] || { cfg="$DATA_DIR/config.json"; [ -f "$cfg" ] || cfg=""; }
  [ -n "$cfg" ] && say "config: $cfg" || say "no config.json: using built-in defaults (see config.example.json)"
  export DB_PATH="${DB_PATH:-$DATA_DIR/meshcore.db}"
  export PORT="${PORT:-3000}"
  export MQTT_PORT="${MQTT_PORT:-1883}"
  # One instance per PORT: the stats file is per port, and the ingestor derives its injection
  # and metrics ports from PORT (PORT+1, PORT+2; a busy one falls back to a free port).
  local stats="$DATA_DIR/ingestor-stats.json"; [ "$PORT" = 3000 ] || stats="$DATA_DIR/ingestor-stats-$PORT.json"
  export CORESCOPE_INGESTOR_STATS="${CORESCOPE_INGESTOR_STATS:-$stats}"
  if port_in_use "$PORT"; then
    err "port $PORT is already in use (another instance?); choose another, e.g. PORT=3100 MQTT_PORT=1884 DB_PATH=data/second.db ./manage.sh run"
    return 1
  fi
  # Without a config file the ingestor listens to the broker we start; with one, its sources rule
  # (MQTT_BROKER, when set, replaces them all).
  if [ -z "${MQTT_BROKER:-}" ] && [ -z "$cfg" ]; then export MQTT_BROKER="tcp://127.0.0.1:$MQTT_PORT"; fi

  trap stop_all INT TERM EXIT
  start_mosquitto "$MQTT_PORT"
  local cfgflag=(); [ -n "$cfg" ] && cfgflag=(-config "$cfg")
  # Migrate first (a database written by another CoreScope opens at once); only the ingestor writes.
  "$BIN_DIR/corescope-ingestor" "${cfgflag[@]}" -migrate-only || { err "database migration failed ($DB_PATH)"; stop_all; return 1; }
  say "starting ingestor (db $DB_PATH${MQTT_BROKER:+, broker $MQTT_BROKER})"
  "$BIN_DIR/corescope-ingestor" "${cfgflag[@]}" &
  RUN_PIDS+=($!)
  say "starting server on ${LISTEN:-127.0.0.1}:$PORT"
  "$BIN_DIR/corescope-server" "${cfgflag[@]}" -public "$ROOT/public" &
  RUN_PIDS+=($!)
  if [ "$demo" -eq 1 ] && [ -x "$BIN_DIR/corescope-meshsim" ]; then
    say "feeding simulated traffic"
    "$BIN_DIR/corescope-meshsim" -mqtt "${MQTT_BROKER:-tcp://127.0.0.1:$MQTT_PORT}" &
    RUN_PIDS+=($!)
  fi
  say "CoreScope is running: http://localhost:$PORT  (Ctrl+C to stop)"
  wait -n "${RUN_PIDS[@]}" || true
  if [ "$RUN_STOPPING" -eq 1 ]; then say "stopped"; return 0; fi
  err "a process exited unexpectedly; stopping the rest"
  stop_all
  return 1
}
