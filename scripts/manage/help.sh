# manage.sh help: the list of commands.

cmd_help() {
  cat <<'TXT'
Usage: ./manage.sh <command> [args]

Developer commands
  run [--demo]        install what is missing, build, start Mosquitto + ingestor + server in the
                      foreground on http://127.0.0.1:3000 (PORT, MQTT_PORT, DB_PATH, LISTEN override; a
                      second instance needs its own PORT, MQTT_PORT and DB_PATH); Ctrl+C stops
  test                install what is missing, run gofmt, go vet, staticcheck, deadcode, go test -race, fuzz smoke
                      runs, JS lint + unit tests and browser tests (FUZZTIME=5s); prints each
                      step's time at the end
  fuzz [DURATION]     the longer fuzz campaign: every Fuzz* target for DURATION each (default 2m)
  build               build bin/corescope-* from cmd/*
  demo                run --demo: the stack plus simulated live traffic (cmd/meshsim)
  bench [--size 100k|1m|10m] [--profile realistic|fixture|dense] [--obs-per-tx N] [--duration 5s]
        [--rebuild] [--skip-ingest] [--burst 200000] [--burst-ws 20] [--paced 30s]
                      one table on a simulated dataset of the given size and shape (realistic ≈ 5
                      observations per transmission, fixture 1, dense ≈ 26; cached in data/bench/):
                      startup time, RSS (ready / peak / after load), endpoint latencies at 50
                      connections, then new packets through a real Mosquitto + ingestor into a copy
                      of it with the server following (ingest rate, publish→commit and
                      publish→WebSocket), first analytics pass (docs/performance.md)
  soak [--minutes 5] [--rate 250] [--ws 500] [--slow 10] [--api 50]
                      load/soak run on free ports: simulated ingest, WebSocket and API clients,
                      slow readers; prints errors, published vs stored, RSS, drops (docs/reliability.md)

Operator commands (docker mode when a Docker engine answers, else native: our binaries under
supervisord with Debian's mosquitto/caddy; force with CORESCOPE_MODE=docker|native)
  setup [--yes] [--domain D] [--api-key K] [--port N] [--mqtt-port N] [--no-mosquitto] [--no-start]
                      first-time wizard: config.json + .env in data/, build, start, verify
  start | stop | restart
  status              health, packet/node/observer counts from the API, DB size
  logs [N]            follow the logs (last N lines first, default 100)
  backup [DIR]        consistent online backup of the live DB plus config into backups/
  restore <DIR|DB> [--yes]   restore a backup (a safety copy of the current state is made first)
  reset [--yes]       wipe the data (database with -wal/-shm, broker queue, stats files) after a
                      confirmation, keeping config.json, .env, theme.json and certificates; a safety
                      backup goes to backups/pre-reset-<time>/ first. Off a terminal it needs --yes
  promote <STAGING_DATA_DIR> [--yes]
                      make a staging instance's data production's: backup of production first
                      (backups/pre-promote-<time>/), stop, online snapshot of the staging DB and its
                      config.json into place (production's .env is kept), start again if it ran
  update              git pull, rebuild, restart; data kept
  mqtt-test [SECS]    is observer data flowing into the broker?
  config-check [FILE] unknown keys (with "did you mean"), keys without effect and invalid values of
                      FILE (default config.json or data/config.json); non-zero exit on errors
  help                this text
TXT
}
