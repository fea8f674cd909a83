# reset and promote: replace an instance's data while keeping its configuration (reset) or swap a
# staging instance's database and config.json into production (promote). Both take a safety
# backup first (backup.sh) and refuse to run without --yes when there is no terminal to ask on.

# confirm_or_refuse WHAT YES: ask on a terminal; without one and without --yes, refuse (exit 2).
confirm_or_refuse() {
  local what="$1" yes="$2" ans=""
  [ "$yes" -eq 1 ] && return 0
  if [ ! -t 0 ]; then
    err "$what; nothing was changed. Pass --yes to confirm when not on a terminal"
    return 2
  fi
  read -r -p "$what. Type yes to go on: " ans
  [ "$ans" = yes ] || { say "cancelled; nothing was changed"; return 1; }
}

# instance_running: is this data dir's stack up (container or native supervisord)?
instance_running() {
  if [ "$MODE" = docker ]; then docker ps --format '{{.Names}}' | grep -qx "$CONTAINER"
  else [ -n "$(native_pid || true)" ]; fi
}

# reset_targets prints the files reset deletes that exist: the database with its WAL and shared
# memory, the broker's persistence and the ingestor stats files. Config files are never listed.
reset_targets() {
  local db f; db="$(db_file)"
  for f in "$db" "$db-wal" "$db-shm" "$DATA_DIR/mosquitto/mosquitto.db" \
      "$(dirname "$db")/ingestor-stats.json" "$NATIVE_RUN/ingestor-stats.json" "${CORESCOPE_INGESTOR_STATS:-}"; do
    [ -n "$f" ] && [ -e "$f" ] && echo "$f"
  done | awk '!seen[$0]++'
}

cmd_reset() {
  detect_mode; load_env_file
  local yes=0
  while [ $# -gt 0 ]; do
    case "$1" in
      -y|--yes) yes=1 ;;
      *) err "usage: ./manage.sh reset [--yes]"; return 2 ;;
    esac
    shift
  done
  local -a targets; mapfile -t targets < <(reset_targets)
  if [ ${#targets[@]} -eq 0 ] && [ "$MODE" = native ]; then say "nothing to reset in $DATA_DIR (no database, broker or stats files)"; return 0; fi
  say "reset deletes (config.json, .env, theme.json, Caddyfile and certificates are kept):"
  [ ${#targets[@]} -gt 0 ] && printf '  %s\n' "${targets[@]}"
  [ "$MODE" = docker ] && echo "  the broker queue in container $CONTAINER"
  confirm_or_refuse "reset deletes all packets, nodes and observers of the instance in $DATA_DIR" "$yes" || return $?
  local db; db="$(db_file)"
  local was_running=0; instance_running && was_running=1
  if [ -f "$db" ]; then
    local safety; safety="$BACKUP_ROOT/pre-reset-$(date -u +%Y%m%d-%H%M%S)"
    say "safety backup first"
    cmd_backup "$safety" >/dev/null || { err "safety backup failed; nothing was deleted"; return 1; }
    say "safety backup: $safety"
  fi
  [ "$was_running" -eq 1 ] && { cmd_stop || return 1; }
  if [ "$MODE" = docker ]; then
    docker run --rm --volumes-from "$CONTAINER" --entrypoint rm "$IMAGE" -f /var/lib/mosquitto/mosquitto.db \
      && echo "removed the broker queue in $CONTAINER" || warn "could not clear the broker queue in $CONTAINER"
  fi
  local f failed=0
  for f in "${targets[@]}"; do
    if rm -f "$f" && [ ! -e "$f" ]; then echo "removed $f"; else err "could not remove $f"; failed=1; fi
  done
  [ "$failed" -eq 0 ] || { err "reset incomplete (permissions? the docker engine writes data/ as root)"; return 1; }
  say "reset done; the next start creates an empty database"
  [ "$was_running" -eq 1 ] && cmd_start
  return 0
}

cmd_promote() {
  detect_mode; load_env_file
  local staging="" yes=0
  while [ $# -gt 0 ]; do
    case "$1" in
      -y|--yes) yes=1 ;;
      -*) err "usage: ./manage.sh promote <STAGING_DATA_DIR> [--yes]"; return 2 ;;
      *) staging="$1" ;;
    esac
    shift
  done
  [ -n "$staging" ] || { err "usage: ./manage.sh promote <STAGING_DATA_DIR> [--yes]"; return 2; }
  [ -d "$staging" ] || { err "promote: $staging is not a directory"; return 2; }
  mkdir -p "$DATA_DIR"
  if [ "$(cd "$staging" && pwd -P)" = "$(cd "$DATA_DIR" && pwd -P)" ]; then
    err "promote: $staging is this instance's own data dir ($DATA_DIR)"; return 2
  fi
  local sdb="$staging/meshcore.db"
  [ -f "$sdb" ] || { err "promote: no database at $sdb"; return 1; }
  need_pkg /usr/bin/sqlite3 sqlite3
  local check; check="$(sqlite3 "$sdb" 'PRAGMA integrity_check;' 2>&1 | head -1 || true)"
  [ "$check" = ok ] || { err "refusing to promote: $sdb fails integrity_check ($check); nothing was changed"; return 1; }
  say "promote makes $staging the production data of $DATA_DIR:"
  echo "  database: snapshot of $sdb → $(db_file)"
  local f; for f in config.json theme.json; do [ -f "$staging/$f" ] && echo "  $f: $staging/$f → $DATA_DIR/$f"; done
  echo "  kept: $DATA_DIR/.env (ports, domain), certificates, the broker queue"
  confirm_or_refuse "promote replaces the production database and config.json" "$yes" || return $?

  # The staging instance may still be running: take its snapshot with the online backup API.
  local tmp="$DATA_DIR/.promote-tmp.db"
  rm -f "$tmp"
  sqlite_snapshot "$sdb" "$tmp" || { rm -f "$tmp"; err "staging snapshot failed; production untouched"; return 1; }
  local db; db="$(db_file)"
  local was_running=0; instance_running && was_running=1
  if [ -f "$db" ]; then
    local safety; safety="$BACKUP_ROOT/pre-promote-$(date -u +%Y%m%d-%H%M%S)"
    say "backup of production first"
    cmd_backup "$safety" >/dev/null || { rm -f "$tmp"; err "production backup failed; nothing changed"; return 1; }
    say "production backup: $safety"
  fi
  [ "$was_running" -eq 1 ] && { cmd_stop || { rm -f "$tmp"; return 1; }; }
  mkdir -p "$(dirname "$db")"
  rm -f "$db-wal" "$db-shm"
  mv "$tmp" "$db"
  for f in config.json theme.json; do [ -f "$staging/$f" ] && cp -p "$staging/$f" "$DATA_DIR/$f"; done
  say "promoted: $(sqlite3 "$db" 'SELECT COUNT(*) FROM transmissions' 2>/dev/null || echo '?') transmissions now in $db"
  if [ "$was_running" -eq 1 ]; then
    cmd_start || return 1
    if [ "$MODE" = docker ]; then wait_container_healthy 120 || return 1; fi
  else
    say "production was not running; ./manage.sh start starts it on the promoted data"
  fi
  return 0
}

# wait_container_healthy SECS: poll the image's HEALTHCHECK (/api/healthz) until it reports healthy.
wait_container_healthy() {
  local i st
  for i in $(seq 1 "$1"); do
    st="$(docker inspect -f '{{.State.Health.Status}}' "$CONTAINER" 2>/dev/null || true)"
    [ "$st" = healthy ] && { say "container $CONTAINER healthy"; return 0; }
    sleep 1
  done
  err "container $CONTAINER not healthy after ${1}s (status: ${st:-unknown}); see ./manage.sh logs"; return 1
}
