# Operator commands: start, stop, restart, status, logs, update, mqtt-test.
# Each works in docker mode and in native mode (see mode.sh) and says which it uses.

native_env() {
  export CORESCOPE_APP_DIR="$NATIVE_APP" CORESCOPE_DATA_DIR="$DATA_DIR" CORESCOPE_RUN_DIR="$NATIVE_RUN"
  export SUPERVISORD_CONF="$ROOT/docker/supervisord.conf"
  export DB_PATH="$(db_file)" PORT="$(web_port)"
  export MQTT_PORT="${MQTT_PORT:-1883}"
  export MOSQUITTO_DATA_DIR="$DATA_DIR/mosquitto"
  export MOSQUITTO_CONF; MOSQUITTO_CONF="$(derive_mosquitto_conf "$MQTT_PORT" "$MOSQUITTO_DATA_DIR")"
  export CADDY_CONF="$ROOT/docker/Caddyfile" CADDY_DATA_DIR="$DATA_DIR/caddy"
  # Caddy needs ports 80/443; natively it runs only when asked (DISABLE_CADDY=false or a domain).
  if [ -z "${DISABLE_CADDY:-}" ]; then
    if [ -n "${CORESCOPE_DOMAIN:-}" ]; then export DISABLE_CADDY=false; else export DISABLE_CADDY=true; fi
  fi
  local cfg="$DATA_DIR/config.json"; [ -f "$cfg" ] || [ ! -f "$ROOT/config.json" ] || cfg="$ROOT/config.json"
  export CORESCOPE_CONFIG="$cfg"
  # Without a config file the ingestor listens to the broker we start (same rule as `run`).
  if [ -z "${MQTT_BROKER:-}" ] && [ ! -f "$cfg" ]; then export MQTT_BROKER="tcp://127.0.0.1:$MQTT_PORT"; fi
}

native_prepare() {
  need_pkg /usr/bin/supervisord supervisor
  need_pkg /usr/sbin/mosquitto mosquitto
  if [ "${DISABLE_CADDY:-true}" != "true" ]; then need_pkg /usr/bin/caddy caddy; fi
  npm_deps
  cmd_build ingestor server || return 1
  mkdir -p "$NATIVE_APP" "$NATIVE_RUN" "$(dirname "$NATIVE_LOG")"
  ln -sfn "$BIN_DIR/corescope-server" "$NATIVE_APP/corescope-server"
  ln -sfn "$BIN_DIR/corescope-ingestor" "$NATIVE_APP/corescope-ingestor"
  ln -sfn "$ROOT/public" "$NATIVE_APP/public"
  [ -d "$ROOT/node_modules" ] && ln -sfn "$ROOT/node_modules" "$NATIVE_APP/node_modules"
  return 0
}

wait_healthy() {
  local url="http://127.0.0.1:$(web_port)/api/healthz" i
  for i in $(seq 1 "${1:-60}"); do
    if curl -fsS "$url" >/dev/null 2>&1; then say "healthy: $url"; return 0; fi
    sleep 1
  done
  err "not healthy after ${1:-60}s: $url"; return 1
}

cmd_start() {
  detect_mode; load_env_file
  if [ "$MODE" = docker ]; then
    if docker ps -a --format '{{.Names}}' | grep -qx "$CONTAINER"; then
      docker start "$CONTAINER" >/dev/null
    else
      docker image inspect "$IMAGE" >/dev/null 2>&1 || docker build -t "$IMAGE" "$ROOT"
      mkdir -p "$DATA_DIR"
      docker run -d --name "$CONTAINER" --restart unless-stopped \
        -p "${HTTP_PORT:-80}:80" -p "${HTTPS_PORT:-443}:443" -p "${MQTT_PORT:-1883}:1883" \
        -v "$DATA_DIR:/app/data" "$IMAGE" >/dev/null
    fi
    say "container $CONTAINER started; http://localhost:${HTTP_PORT:-80}"
    return 0
  fi
  native_env
  if [ -n "$(native_pid)" ]; then say "already running (supervisord pid $(native_pid))"; return 0; fi
  native_prepare
  say "starting supervisord (mosquitto :$MQTT_PORT, ingestor, server :$PORT$( [ "$DISABLE_CADDY" = true ] || echo ", caddy")); log: $NATIVE_LOG"
  nohup "$ROOT/docker/entrypoint.sh" >>"$NATIVE_LOG" 2>&1 &
  wait_healthy 60
}

cmd_stop() {
  detect_mode
  if [ "$MODE" = docker ]; then docker stop "$CONTAINER" >/dev/null && say "container $CONTAINER stopped"; return; fi
  local pid; pid="$(native_pid || true)"
  if [ -z "$pid" ]; then say "not running"; return 0; fi
  kill -TERM "$pid"
  local i; for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || { say "stopped"; return 0; }; sleep 0.5; done
  err "supervisord (pid $pid) did not stop in 20s"; return 1
}

cmd_restart() { cmd_stop; cmd_start; }

cmd_status() {
  detect_mode; load_env_file
  if [ "$MODE" = docker ]; then
    docker ps -a --filter "name=^${CONTAINER}\$" --format 'container {{.Names}}: {{.Status}}'
  else
    local pid; pid="$(native_pid || true)"
    if [ -n "$pid" ]; then
      say "supervisord running (pid $pid)"
      native_env >/dev/null
      supervisorctl -c "$ROOT/docker/supervisord.conf" status || true
    else
      say "not running"
    fi
  fi
  local base="http://127.0.0.1:$(web_port)"
  if curl -fsS "$base/api/healthz" >/dev/null 2>&1; then
    say "health: ok ($base/api/healthz)"
    curl -fsS "$base/api/stats" | node -e '
      let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);
      console.log(`packets: ${j.totalPackets ?? "?"}  observations: ${j.totalObservations ?? "?"}  nodes: ${j.totalNodes ?? "?"}  observers: ${j.totalObservers ?? "?"}`)})' || true
  else
    err "health: server not answering on $base"
  fi
  local db; db="$(db_file)"
  [ -f "$db" ] && say "database: $db ($(du -h "$db" | cut -f1), wal $(du -h "$db-wal" 2>/dev/null | cut -f1 || echo 0))"
  return 0
}

cmd_logs() {
  detect_mode
  local n="${1:-100}"
  if [ "$MODE" = docker ]; then docker logs -f --tail "$n" "$CONTAINER"; return; fi
  [ -f "$NATIVE_LOG" ] || { err "no log yet at $NATIVE_LOG (start first)"; return 1; }
  tail -n "$n" -f "$NATIVE_LOG"
}

cmd_update() {
  detect_mode
  say "updating source (git pull --ff-only)"
  git -C "$ROOT" pull --ff-only
  if [ "$MODE" = docker ]; then
    docker build -t "$IMAGE" "$ROOT"
    docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
    cmd_start
  else
    cmd_restart
  fi
  say "updated; data in $DATA_DIR kept"
}

cmd_mqtt_test() {
  detect_mode; load_env_file
  local wait="${1:-10}"
  say "waiting up to ${wait}s for one message on meshcore/# ..."
  local out
  if [ "$MODE" = docker ]; then
    out="$(docker exec "$CONTAINER" mosquitto_sub -h 127.0.0.1 -t 'meshcore/#' -C 1 -W "$wait" -v 2>&1)" || true
  else
    need_pkg /usr/bin/mosquitto_sub mosquitto-clients
    out="$(mosquitto_sub -h 127.0.0.1 -p "${MQTT_PORT:-1883}" -t 'meshcore/#' -C 1 -W "$wait" -v 2>&1)" || true
  fi
  if [ -n "$out" ] && ! echo "$out" | grep -qi 'timed out\|error\|refused'; then
    say "observer data is flowing: ${out:0:160}"
  else
    err "no observer data within ${wait}s (${out:-no output}); check your observers' MQTT settings"
    return 1
  fi
}
