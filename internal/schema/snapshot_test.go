package schema_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

// TestSnapshot_ReadOnlyHandleCopiesEveryRow: VACUUM INTO through the server's read-only
// handle yields a file whose every table holds the source's row count, and the pool still
// refuses writes afterwards (the unguarded connection was discarded).
func TestSnapshot_ReadOnlyHandleCopiesEveryRow(t *testing.T) {
	ctx := context.Background()
	src := testutil.CopyFixture(t)
	ro, err := schema.OpenReadOnly(ctx, src, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	dst := filepath.Join(t.TempDir(), "backup.db")
	if err := schema.Snapshot(ctx, ro, dst); err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	copyDB, err := sql.Open("sqlite", "file:"+dst+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	tables := tableNames(t, ro)
	if len(tables) < 3 {
		t.Fatalf("fixture lists %d tables", len(tables))
	}
	for _, tb := range tables {
		want, got := rowCount(t, ro, tb), rowCount(t, copyDB, tb)
		if want != got {
			t.Errorf("table %s: backup has %d rows, source %d", tb, got, want)
		}
	}
	if _, err := ro.ExecContext(ctx, `PRAGMA user_version = 7`); err == nil {
		t.Error("the read-only pool accepted a write after the snapshot")
	}
}

func TestSnapshot_FullDiskIsClassified(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Fatalf("/dev/full: %v", err)
	}
	ctx := context.Background()
	ro, err := schema.OpenReadOnly(ctx, testutil.CopyFixture(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	err = schema.Snapshot(ctx, ro, "/dev/full") // every write there fails with ENOSPC
	if err == nil || !schema.IsDiskFull(err) {
		t.Fatalf("snapshot to /dev/full: %v, want a disk-full error", err)
	}
}

func tableNames(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
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
	return out
}

func rowCount(t *testing.T, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM "` + table + `"`).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}
