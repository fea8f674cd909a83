# backup and restore: a consistent copy of the live database (SQLite online backup API via the
# sqlite3 CLI, safe while the ingestor writes) plus config.json, .env and a custom Caddyfile.

BACKUP_ROOT="${BACKUP_ROOT:-$ROOT/backups}"

# online_backup SRC DEST copies a live WAL database consistently.
online_backup() {
  local src="$1" dest="$2"
  if [ "$MODE" = docker ]; then
    docker exec "$CONTAINER" sqlite3 /app/data/meshcore.db ".timeout 10000" ".backup '/app/data/.backup-tmp.db'"
    docker cp "$CONTAINER:/app/data/.backup-tmp.db" "$dest"
    docker exec "$CONTAINER" rm -f /app/data/.backup-tmp.db
    check_integrity "$dest"
  else
    sqlite_snapshot "$src" "$dest"
  fi
}

# sqlite_snapshot SRC DEST: SQLite online backup of a database file on this host (consistent
# while another process writes it, WAL content included), then an integrity check of the copy.
sqlite_snapshot() {
  need_pkg /usr/bin/sqlite3 sqlite3
  sqlite3 "$1" ".timeout 10000" ".backup '$2'" || return 1
  check_integrity "$2"
}

check_integrity() {
  local check; check="$(sqlite3 "$1" 'PRAGMA integrity_check;' 2>&1 | head -1 || true)"
  [ "$check" = "ok" ] || { err "backup integrity check failed: $check"; return 1; }
}

cmd_backup() {
  detect_mode; load_env_file
  local dest="${1:-$BACKUP_ROOT/corescope-$(date -u +%Y%m%d-%H%M%S)}"
  local db; db="$(db_file)"
  if [ "$MODE" = native ] && [ ! -f "$db" ]; then err "no database at $db"; return 1; fi
  mkdir -p "$dest"
  need_pkg /usr/bin/sqlite3 sqlite3
  online_backup "$db" "$dest/meshcore.db"
  local f
  for f in config.json .env theme.json Caddyfile; do
    [ -f "$DATA_DIR/$f" ] && cp -p "$DATA_DIR/$f" "$dest/"
  done
  [ -f "$ROOT/config.json" ] && [ ! -f "$dest/config.json" ] && cp -p "$ROOT/config.json" "$dest/"
  say "backup written to $dest ($(du -sh "$dest" | cut -f1)); transmissions: $(sqlite3 "$dest/meshcore.db" 'SELECT COUNT(*) FROM transmissions' 2>/dev/null || echo '?')"
  echo "$dest"
}

cmd_restore() {
  detect_mode; load_env_file
  local src="" yes=0
  while [ $# -gt 0 ]; do
    case "$1" in
      -y|--yes) yes=1 ;;
      *) src="$1" ;;
    esac
    shift
  done
  [ -n "$src" ] || { err "usage: ./manage.sh restore <backup-dir|file.db> [--yes]"; return 2; }
  local dbsrc="$src"; [ -d "$src" ] && dbsrc="$src/meshcore.db"
  [ -f "$dbsrc" ] || { err "no database at $dbsrc"; return 1; }
  need_pkg /usr/bin/sqlite3 sqlite3
  local check; check="$(sqlite3 "$dbsrc" 'PRAGMA integrity_check;' 2>&1 | head -1 || true)"
  [ "$check" = "ok" ] || { err "refusing to restore: $dbsrc fails integrity_check ($check)"; return 1; }
  if [ "$yes" -ne 1 ]; then
    if [ ! -t 0 ]; then err "restore replaces the live database; pass --yes when not on a terminal"; return 2; fi
    read -r -p "Replace the current database with $dbsrc? [y/N] " ans
    case "$ans" in y|Y|yes) ;; *) say "cancelled"; return 1 ;; esac
  fi
  local db; db="$(db_file)"
  local was_running=0
  if [ "$MODE" = docker ]; then docker ps --format '{{.Names}}' | grep -qx "$CONTAINER" && was_running=1
  else [ -n "$(native_pid || true)" ] && was_running=1; fi
  if [ -f "$db" ]; then
    local safety="$BACKUP_ROOT/pre-restore-$(date -u +%Y%m%d-%H%M%S)"
    say "safety copy of the current state first"
    cmd_backup "$safety" >/dev/null
    say "safety copy: $safety"
  fi
  [ "$was_running" -eq 1 ] && cmd_stop
  mkdir -p "$(dirname "$db")"
  rm -f "$db-wal" "$db-shm"
  cp "$dbsrc" "$db.restore-tmp" && mv "$db.restore-tmp" "$db"
  if [ -d "$src" ]; then
    local f; for f in config.json .env theme.json Caddyfile; do [ -f "$src/$f" ] && cp -p "$src/$f" "$DATA_DIR/"; done
  fi
  say "restored $dbsrc → $db"
  [ "$was_running" -eq 1 ] && cmd_start
  return 0
}
