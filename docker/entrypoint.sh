#!/bin/sh
# CoreScope container entrypoint: prepare the data volume, load .env, pick which services run,
# then hand over to supervisord. Every path is an env var with the image default, so the same
# script runs (and is tested) outside Docker.
set -eu

: "${CORESCOPE_APP_DIR:=/app}"
: "${CORESCOPE_DATA_DIR:=$CORESCOPE_APP_DIR/data}"
: "${CORESCOPE_RUN_DIR:=/run/corescope}"
: "${SUPERVISORD_CONF:=/etc/supervisor/corescope.conf}"

mkdir -p "$CORESCOPE_DATA_DIR" "$CORESCOPE_RUN_DIR"

# .env in the data volume lets `docker run` users set DISABLE_*, MQTT_BROKER, API_KEY, ...
if [ -f "$CORESCOPE_DATA_DIR/.env" ]; then
  echo "entrypoint: loading $CORESCOPE_DATA_DIR/.env"
  set -a
  # shellcheck disable=SC1091
  . "$CORESCOPE_DATA_DIR/.env"
  set +a
fi

: "${CORESCOPE_CONFIG:=$CORESCOPE_DATA_DIR/config.json}"
if [ -f "$CORESCOPE_CONFIG" ]; then
  echo "entrypoint: using config $CORESCOPE_CONFIG"
else
  echo "entrypoint: no $CORESCOPE_CONFIG; using built-in defaults (see config.example.json)"
fi

: "${DB_PATH:=$CORESCOPE_DATA_DIR/meshcore.db}"
: "${PORT:=3000}"
# The server itself defaults to 127.0.0.1; the container (and `manage.sh start`) serve on
# every interface so a published port or DISABLE_CADDY still reaches it. LISTEN=127.0.0.1
# in .env keeps it behind Caddy only.
: "${LISTEN:=0.0.0.0}"
: "${CORESCOPE_INGESTOR_STATS:=$CORESCOPE_RUN_DIR/ingestor-stats.json}"
: "${MOSQUITTO_BIN:=/usr/sbin/mosquitto}"
: "${MOSQUITTO_CONF:=/etc/mosquitto/corescope.conf}"
: "${MOSQUITTO_DATA_DIR:=/var/lib/mosquitto}"
: "${CADDY_BIN:=/usr/bin/caddy}"
: "${CADDY_CONF:=/etc/caddy/Caddyfile}"
: "${CADDY_DATA_DIR:=/data/caddy}"

truthy() { case "$(echo "${1:-}" | tr 'A-Z' 'a-z')" in true|1|yes|on) return 0 ;; esac; return 1; }

MOSQUITTO_AUTOSTART=true
if truthy "${DISABLE_MOSQUITTO:-}"; then
  MOSQUITTO_AUTOSTART=false
  echo "entrypoint: DISABLE_MOSQUITTO set; not starting the built-in broker"
else
  mkdir -p "$MOSQUITTO_DATA_DIR"
  if id mosquitto >/dev/null 2>&1; then chown -R mosquitto "$MOSQUITTO_DATA_DIR" 2>/dev/null || true; fi
fi
CADDY_AUTOSTART=true
if truthy "${DISABLE_CADDY:-}"; then
  CADDY_AUTOSTART=false
  echo "entrypoint: DISABLE_CADDY set; serve the app directly on port $PORT"
else
  mkdir -p "$CADDY_DATA_DIR"
fi

if [ -n "${CORESCOPE_DOMAIN:-}" ]; then CORESCOPE_SITE="$CORESCOPE_DOMAIN"; else CORESCOPE_SITE=":${CADDY_HTTP_PORT:-80}"; fi

export CORESCOPE_SITE CORESCOPE_APP_DIR CORESCOPE_DATA_DIR CORESCOPE_RUN_DIR CORESCOPE_CONFIG DB_PATH PORT LISTEN \
  CORESCOPE_INGESTOR_STATS MOSQUITTO_BIN MOSQUITTO_CONF MOSQUITTO_AUTOSTART \
  CADDY_BIN CADDY_CONF CADDY_DATA_DIR CADDY_AUTOSTART

# Migrate before supervisord starts the server, so an existing database is served at once; the
# ingestor stays the only writer. A failure here stops the container with the reason in its log.
"$CORESCOPE_APP_DIR/corescope-ingestor" -config "$CORESCOPE_CONFIG" -migrate-only

exec supervisord -c "$SUPERVISORD_CONF"
