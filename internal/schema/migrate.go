package schema

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"
)

// Migration is one append-only, named step. Up runs inside a transaction together with
// the _migrations insert that records it, so a step is either fully applied or not at all.
type Migration struct {
	Name string
	Up   func(ctx context.Context, tx *sql.Tx) error
}

// Migrations returns the ordered list of schema migrations. Never reorder or remove
// entries; append new ones at the end.
func Migrations() []Migration {
	return []Migration{
		{"base_tables_v1", execAll(baseTables...)},
		{"ensure_columns_v1", ensureColumns},
		{"cleanup_legacy_null_hash_ts", execAll(
			`DELETE FROM observations WHERE transmission_id IN
				(SELECT id FROM transmissions WHERE hash = '' OR first_seen = '')`,
			`DELETE FROM transmissions WHERE hash = '' OR first_seen = ''`)},
		{"base_indexes_v1", execAll(baseIndexes...)},
		// Legacy DBs may lack the dedup index and hold duplicate groups (the fixture has one:
		// tx 85, observer 4, "[]"). Keep the lowest id of each group, then create the index.
		{"observations_dedup_v1", execAll(
			`DELETE FROM observations WHERE id NOT IN (
				SELECT MIN(id) FROM observations
				GROUP BY transmission_id, observer_idx, COALESCE(path_json, ''))
			 AND observer_idx IS NOT NULL`,
			`CREATE UNIQUE INDEX IF NOT EXISTS idx_observations_dedup
				ON observations(transmission_id, observer_idx, COALESCE(path_json, ''))`)},
		{"nodes_pubkey_lowercase_v1", execAll(
			`UPDATE OR IGNORE nodes SET public_key = lower(public_key) WHERE public_key <> lower(public_key)`)},
		{"channel_hash_casing_v1", execAll(
			`UPDATE transmissions SET channel_hash = 'Public' WHERE channel_hash = 'public'`)},
		{"tx_last_seen_backfill_v1", execAll(
			`UPDATE transmissions SET last_seen = COALESCE(
				(SELECT MAX(o.timestamp) FROM observations o WHERE o.transmission_id = transmissions.id), 0)
			 WHERE last_seen = 0`)},
		{"packets_view_v1", execAll(`DROP VIEW IF EXISTS packets_v`, packetsView)},
		{"ref_markers_v1", refMarkers},
		// Hashes the legacy-hash repair replaced stay resolvable, so links shared with them keep working.
		{"hash_aliases_v1", execAll(`CREATE TABLE IF NOT EXISTS hash_aliases (
			alias TEXT PRIMARY KEY,
			hash  TEXT NOT NULL
		) WITHOUT ROWID`)},
		// One row the ingestor's writer rewrites every few seconds: the server's /api/healthz
		// cross-checks the stats file against it (a planted or frozen file cannot commit).
		{"ingestor_heartbeat_v1", execAll(`CREATE TABLE IF NOT EXISTS ingestor_heartbeat (
			id INTEGER PRIMARY KEY CHECK (id = 1),
			beat_unix_ms INTEGER NOT NULL,
			started_unix_ms INTEGER NOT NULL,
			pid INTEGER NOT NULL)`)},
		// Every configured-scope answer about a node (issue #20): observer /neighbors
		// reports (self and neighbours) and client /regions answers. Rows are never
		// updated; the newest answer with responded = 1 per node is the node's
		// configured scope set.
		{"scope_answers_v1", execAll(`CREATE TABLE IF NOT EXISTS scope_answers (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			node_pubkey TEXT NOT NULL,
			source_kind TEXT NOT NULL,
			source_id TEXT NOT NULL,
			scopes_json TEXT NOT NULL,
			denies_unscoped INTEGER,
			responded INTEGER NOT NULL,
			status TEXT,
			answered_at TEXT NOT NULL)`,
			`CREATE INDEX IF NOT EXISTS idx_scope_answers_node ON scope_answers(node_pubkey, answered_at)`)},
		// Every insert updates every index: these three duplicate a key another index
		// already leads with, so they only cost the writer page writes (issue #24).
		{"drop_redundant_indexes_v1", dropRedundantIndexes},
	}
}

// refMarkers records the reference ingestor's marker names for steps whose effect the
// migrations above already guarantee, so a reference ingestor pointed at this database
// later does not redo them (storage spec §9.1).
func refMarkers(ctx context.Context, tx *sql.Tx) error {
	for _, n := range []string{"node_telemetry_v1", "obs_timestamp_index_v1", "observer_metrics_v1",
		"observer_metrics_ts_idx", "observers_inactive_v1", "observer_metrics_packets_v1",
		"dropped_packets_v1", "observers_clock_naive_v1", "foreign_advert_v1", "scope_name_v1",
		"nodes_default_scope_v1", "observations_raw_hex_v1", "obs_observer_ts_idx_v1"} {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO _migrations(name) VALUES (?)`, n); err != nil {
			return fmt.Errorf("record marker %s: %w", n, err)
		}
	}
	return nil
}

func execAll(stmts ...string) func(context.Context, *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		for _, s := range stmts {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return err
			}
		}
		return nil
	}
}

func ensureColumns(ctx context.Context, tx *sql.Tx) error {
	for _, c := range ensuredColumns {
		have, err := columns(ctx, tx, c.table)
		if err != nil {
			return err
		}
		if have[c.name] {
			continue
		}
		if _, err := tx.ExecContext(ctx, `ALTER TABLE `+c.table+` ADD COLUMN `+c.name+` `+c.decl); err != nil {
			return fmt.Errorf("add column %s.%s: %w", c.table, c.name, err)
		}
	}
	return nil
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// columns returns the column names of table (empty when the table does not exist).
func columns(ctx context.Context, q querier, table string) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, fmt.Errorf("table info %s: %w", table, err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out[n] = true
	}
	return out, rows.Err()
}

// Applied returns the set of names recorded in _migrations (empty if the table is absent).
func Applied(ctx context.Context, q querier) (map[string]bool, error) {
	out := map[string]bool{}
	rows, err := q.QueryContext(ctx, `SELECT name FROM _migrations`)
	if err != nil {
		var n int
		if e := queryOne(ctx, q, `SELECT COUNT(*) FROM sqlite_master WHERE name = '_migrations'`, &n); e == nil && n == 0 {
			return out, nil
		}
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out[n] = true
	}
	return out, rows.Err()
}

func queryOne(ctx context.Context, q querier, query string, dst any) error {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		return sql.ErrNoRows
	}
	return rows.Scan(dst)
}

// Migrate applies every pending migration in order, each in its own transaction, and
// returns the names it applied. Only the ingestor calls it.
func Migrate(ctx context.Context, db *sql.DB, log *slog.Logger) ([]string, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY)`); err != nil {
		return nil, fmt.Errorf("create _migrations: %w", err)
	}
	done, err := Applied(ctx, db)
	if err != nil {
		return nil, err
	}
	var applied []string
	for _, m := range Migrations() {
		if done[m.Name] {
			continue
		}
		start := time.Now()
		if err := runOne(ctx, db, m); err != nil {
			return applied, fmt.Errorf("migrate %s: %w", m.Name, err)
		}
		log.Info("migration applied", "name", m.Name, "ms", time.Since(start).Milliseconds())
		applied = append(applied, m.Name)
	}
	return applied, nil
}

func runOne(ctx context.Context, db *sql.DB, m Migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := m.Up(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO _migrations(name) VALUES (?)`, m.Name); err != nil {
		return err
	}
	return tx.Commit()
}

// MarkDone records name in _migrations (used for data backfills run outside Migrate,
// such as the ingestor's legacy content-hash repair).
func MarkDone(ctx context.Context, db *sql.DB, name string) error {
	if _, err := db.ExecContext(ctx, `INSERT OR IGNORE INTO _migrations(name) VALUES (?)`, name); err != nil {
		return fmt.Errorf("mark migration %s: %w", name, err)
	}
	return nil
}
