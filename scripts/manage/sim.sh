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
