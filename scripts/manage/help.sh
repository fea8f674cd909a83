# manage.sh help: the list of commands.

cmd_help() {
  cat <<'TXT'
Usage: ./manage.sh <command> [args]

Developer commands
  run [--demo]   install what is missing, build, start Mosquitto + ingestor + server
                 on http://localhost:3000 (PORT, MQTT_PORT, DB_PATH override); Ctrl+C stops
  test           install what is missing, run gofmt, go vet, staticcheck, go test -race,
                 fuzz smoke runs, JS lint + unit tests and browser tests
  build          build bin/corescope-* from cmd/*
  help           this text
TXT
}
