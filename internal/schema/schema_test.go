package schema_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

func count(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestMigrate_FreshDatabase(t *testing.T) {
	ctx := context.Background()
	db, err := schema.Open(ctx, filepath.Join(t.TempDir(), "sub", "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := schema.AssertReady(ctx, db); !errors.Is(err, schema.ErrNotReady) {
		t.Fatalf("AssertReady before migrate: got %v, want ErrNotReady", err)
	}
	applied, err := schema.Migrate(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != len(schema.Migrations()) {
		t.Errorf("got %d applied, want %d", len(applied), len(schema.Migrations()))
	}
	if err := schema.AssertReady(ctx, db); err != nil {
		t.Fatalf("AssertReady: %v", err)
	}
	again, err := schema.Migrate(ctx, db, nil)
	if err != nil || len(again) != 0 {
		t.Fatalf("second Migrate: got %v, %v; want nothing applied", again, err)
	}
	var mode string
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode: got %q %v, want wal", mode, err)
	}
	var av int
	if err := db.QueryRow(`PRAGMA auto_vacuum`).Scan(&av); err != nil || av != 2 {
		t.Errorf("auto_vacuum: got %d %v, want 2 (incremental)", av, err)
	}
	// nodes and inactive_nodes must have identical column order (INSERT … SELECT *).
	cols := func(table string) string {
		rows, err := db.Query(`SELECT name FROM pragma_table_info(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var n string
			rows.Scan(&n)
			out = append(out, n)
		}
		return strings.Join(out, ",")
	}
	if a, b := cols("nodes"), cols("inactive_nodes"); a != b {
		t.Errorf("column order differs:\nnodes          %s\ninactive_nodes %s", a, b)
	}
}

func TestMigrate_FixtureCopy(t *testing.T) {
	ctx := context.Background()
	path := testutil.CopyFixture(t)
	db, err := schema.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The fixture holds exactly one duplicate observation group (tx 85, observer 4, "[]").
	dups := `SELECT COUNT(*) FROM (SELECT 1 FROM observations WHERE observer_idx IS NOT NULL
		GROUP BY transmission_id, observer_idx, COALESCE(path_json,'') HAVING COUNT(*) > 1)`
	if got := count(t, db, dups); got != 1 {
		t.Fatalf("duplicate groups before migrate: got %d, want 1", got)
	}
	if _, err := schema.Migrate(ctx, db, nil); err != nil {
		t.Fatalf("Migrate fixture: %v", err)
	}
	if err := schema.AssertReady(ctx, db); err != nil {
		t.Fatalf("AssertReady: %v", err)
	}
	if got := count(t, db, dups); got != 0 {
		t.Errorf("duplicate groups after migrate: got %d, want 0", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM transmissions`); got != 499 {
		t.Errorf("transmissions: got %d, want 499", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM observations`); got != 499 {
		t.Errorf("observations: got %d, want 499 (500 minus one duplicate)", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM nodes`); got != 200 {
		t.Errorf("nodes: got %d, want 200", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM observers`); got != 31 {
		t.Errorf("observers: got %d, want 31", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'idx_observations_dedup'`); got != 1 {
		t.Errorf("dedup index: got %d, want 1", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM transmissions WHERE last_seen = 0`); got != 0 {
		t.Errorf("last_seen backfill: %d rows still 0", got)
	}
	// The dedup index must now reject a second copy of an existing observation.
	_, err = db.Exec(`INSERT INTO observations(transmission_id, observer_idx, path_json, timestamp)
		SELECT transmission_id, observer_idx, path_json, timestamp FROM observations WHERE observer_idx IS NOT NULL LIMIT 1`)
	if err == nil || !strings.Contains(err.Error(), "UNIQUE") {
		t.Errorf("duplicate insert: got %v, want UNIQUE constraint error", err)
	}
}

func TestOpenReadOnly_NeverTakesWriteLock(t *testing.T) {
	ctx := context.Background()
	w, path := testutil.OpenTestDB(t)
	if _, err := w.Exec(`INSERT INTO transmissions(raw_hex, hash, first_seen) VALUES ('00', 'aaaa', '2026-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	// Hold the write lock on the writer connection for the whole test.
	wtx, err := w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer wtx.Rollback()
	if _, err := wtx.Exec(`INSERT INTO transmissions(raw_hex, hash, first_seen) VALUES ('01', 'bbbb', '2026-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}

	rctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	r, err := schema.OpenReadOnly(rctx, path, 2)
	if err != nil {
		t.Fatalf("OpenReadOnly while writer holds lock: %v", err)
	}
	defer r.Close()
	if err := schema.AssertReady(rctx, r); err != nil {
		t.Fatalf("AssertReady via read-only handle: %v", err)
	}
	var n int
	if err := r.QueryRowContext(rctx, `SELECT COUNT(*) FROM transmissions`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("read while writer busy: got %d %v, want 1 committed row", n, err)
	}
	_, err = r.ExecContext(rctx, `INSERT INTO transmissions(raw_hex, hash, first_seen) VALUES ('02', 'cccc', 'x')`)
	if err == nil {
		t.Fatal("write through read-only handle succeeded")
	}
	if err := wtx.Commit(); err != nil {
		t.Fatalf("writer commit with reader open: %v", err)
	}
	if err := r.QueryRowContext(rctx, `SELECT COUNT(*) FROM transmissions`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("read after commit: got %d %v, want 2", n, err)
	}
}

func TestOpenReadOnly_MissingFile(t *testing.T) {
	_, err := schema.OpenReadOnly(context.Background(), filepath.Join(t.TempDir(), "none.db"), 1)
	if err == nil {
		t.Fatal("got nil error for missing file")
	}
}

func TestWaitReady_UntilMigrated(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	w, err := schema.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	r, err := schema.OpenReadOnly(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	waits := make(chan error, 100)
	done := make(chan error, 1)
	go func() {
		done <- schema.WaitReady(ctx, r, 20*time.Millisecond, func(err error) {
			select {
			case waits <- err:
			default:
			}
		})
	}()
	<-waits // at least one not-ready round before migrating
	if _, err := schema.Migrate(ctx, w, nil); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("WaitReady: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("WaitReady did not return after migration")
	}
}

func TestDSN_Pragmas(t *testing.T) {
	w := schema.WriterDSN("/d/a?b#c.db")
	for _, want := range []string{"file:/d/a%3Fb%23c.db?", "busy_timeout(5000)", "journal_mode(WAL)", "_txlock=immediate"} {
		if !strings.Contains(w, want) {
			t.Errorf("WriterDSN %q lacks %q", w, want)
		}
	}
	r := schema.ReaderDSN("/d/x.db")
	if !strings.Contains(r, "mode=ro") || strings.Contains(r, "journal_mode") {
		t.Errorf("ReaderDSN %q: want mode=ro and no journal_mode", r)
	}
}

// TestOpen_WriterCheckpointsEvery32MiB reads the pragmas back from a writer connection:
// SQLite's default (1000 pages) made every big-database batch checkpoint, and without
// mmap every page read was a pread (issue #24).
func TestOpen_WriterCheckpointsEvery32MiB(t *testing.T) {
	db, err := schema.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := count(t, db, `PRAGMA wal_autocheckpoint`); got != 8192 {
		t.Errorf("wal_autocheckpoint: got %d pages, want 8192 (32 MiB)", got)
	}
	if got := count(t, db, `PRAGMA journal_size_limit`); got != 32<<20 {
		t.Errorf("journal_size_limit: got %d bytes, want %d", got, 32<<20)
	}
	if got := count(t, db, `PRAGMA mmap_size`); got != 256<<20 {
		t.Errorf("mmap_size: got %d bytes, want %d", got, 256<<20)
	}
	if got := count(t, db, `PRAGMA synchronous`); got != 1 {
		t.Errorf("synchronous: got %d, want 1 (NORMAL, unchanged)", got)
	}
}
