# setup: first-time wizard. Writes data/config.json (from config.example.json, with a random API
# key) and data/.env (domain, ports, built-in broker on/off), builds, starts and verifies.
# Interactive on a terminal; non-interactive with --yes and flags.

ask() { # ask VAR "question" default
  local __var="$1" q="$2" def="$3" ans=""
  if [ "$SETUP_INTERACTIVE" -eq 1 ]; then read -r -p "$q [$def] " ans; fi
  printf -v "$__var" '%s' "${ans:-$def}"
}

set_env_key() { # set_env_key FILE KEY VALUE (replace or append)
  local f="$1" k="$2" v="$3"
  touch "$f"
  if grep -q "^$k=" "$f"; then sed -i "s#^$k=.*#$k=$v#" "$f"; else echo "$k=$v" >> "$f"; fi
}

cmd_setup() {
  SETUP_INTERACTIVE=1
  local domain="${CORESCOPE_DOMAIN:-}" api_key="" http_port="${PORT:-3000}" mqtt_port="${MQTT_PORT:-1883}"
  local broker=yes start=1
  while [ $# -gt 0 ]; do
    case "$1" in
      -y|--yes|--non-interactive) SETUP_INTERACTIVE=0 ;;
      --domain) domain="$2"; shift ;;
      --api-key) api_key="$2"; shift ;;
      --port) http_port="$2"; shift ;;
      --mqtt-port) mqtt_port="$2"; shift ;;
      --no-mosquitto) broker=no ;;
      --no-start) start=0 ;;
      *) err "setup: unknown flag $1 (see ./manage.sh help)"; return 2 ;;
    esac
    shift
  done
  [ -t 0 ] || SETUP_INTERACTIVE=0
  detect_mode
  mkdir -p "$DATA_DIR"
  say "step 1/4: network"
  ask domain "Public domain for automatic HTTPS (empty = HTTP only)" "$domain"
  ask http_port "Web port for the CoreScope server" "$http_port"
  ask mqtt_port "MQTT port for observers" "$mqtt_port"
  ask broker "Run the built-in Mosquitto broker? (yes/no)" "$broker"
  say "step 2/4: configuration ($DATA_DIR/config.json)"
  need_node
  if [ -f "$DATA_DIR/config.json" ]; then
    node -e 'JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"))' "$DATA_DIR/config.json" \
      || { err "$DATA_DIR/config.json is not valid JSON; fix it or move it away"; return 1; }
    say "keeping existing config.json"
  else
    [ -n "$api_key" ] || api_key="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    # Inside the container the broker is always on 1883; natively it is the chosen port.
    local inner_mqtt="$mqtt_port"; [ "$MODE" = docker ] && inner_mqtt=1883
    # Start from the example but keep only the local broker: the example's other sources
    # point at placeholder hosts.
    node -e '
      const fs=require("fs");const [src,dst,key,port]=process.argv.slice(1);
      const c=JSON.parse(fs.readFileSync(src,"utf8"));c.apiKey=key;
      c.mqttSources=[{name:"local",broker:`mqtt://localhost:${port}`,topics:["meshcore/#"]}];
      fs.writeFileSync(dst,JSON.stringify(c,null,2)+"\n",{mode:0o600});' \
      "$ROOT/config.example.json" "$DATA_DIR/config.json" "$api_key" "$inner_mqtt"
    say "wrote config.json with a new random API key (keep it for POST /api/packets and admin calls)"
  fi
  local env="$DATA_DIR/.env"
  set_env_key "$env" PORT "$http_port"
  set_env_key "$env" MQTT_PORT "$mqtt_port"
  set_env_key "$env" CORESCOPE_DOMAIN "$domain"
  if [ "$broker" = no ]; then set_env_key "$env" DISABLE_MOSQUITTO true; else set_env_key "$env" DISABLE_MOSQUITTO false; fi
  if [ -n "$domain" ]; then set_env_key "$env" DISABLE_CADDY false; fi
  chmod 600 "$env"
  say "wrote $env"
  say "step 3/4: build ($MODE)"
  if [ "$MODE" = docker ]; then docker build -t "$IMAGE" "$ROOT"; else cmd_build ingestor server; fi
  if [ "$start" -eq 1 ]; then
    say "step 4/4: start and verify"
    cmd_start && cmd_status
  else
    say "step 4/4: skipped start (--no-start); run ./manage.sh start"
  fi
}
