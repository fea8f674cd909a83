package schema_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/corescope/corescope/internal/schema"
)

// openNoWait opens path with no busy timeout, so a lock conflict fails at once with
// SQLite's own error instead of waiting.
func openNoWait(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)&_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// A real SQLITE_BUSY: a second connection holds the write lock of the same file.
func TestIsBusy_RealBusyFromSecondConnection(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "busy.db")
	holder, writer := openNoWait(t, path), openNoWait(t, path)
	if _, err := holder.Exec(`CREATE TABLE t (x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	conn, err := holder.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, `ROLLBACK`)
	_, err = writer.Exec(`INSERT INTO t VALUES (1)`)
	if err == nil {
		t.Fatal("insert while another connection holds the write lock succeeded; want SQLITE_BUSY")
	}
	if !schema.IsBusy(fmt.Errorf("commit batch: %w", err)) {
		t.Errorf("IsBusy(%v) = false, want true", err)
	}
	if schema.IsDiskFull(err) {
		t.Errorf("IsDiskFull(%v) = true for a lock conflict", err)
	}
}

// A real SQLITE_LOCKED: a table is dropped on the connection that is still reading it.
func TestIsBusy_RealLockedTable(t *testing.T) {
	ctx := context.Background()
	db := openNoWait(t, filepath.Join(t.TempDir(), "locked.db"))
	if _, err := db.Exec(`CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2)`); err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, `SELECT x FROM t`)
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatal("no row")
	}
	_, err = conn.ExecContext(ctx, `DROP TABLE t`)
	rows.Close()
	if err == nil {
		t.Fatal("DROP TABLE under an open read succeeded; want SQLITE_LOCKED")
	}
	if !schema.IsBusy(err) {
		t.Errorf("IsBusy(%v) = false, want true", err)
	}
}

// Other SQLite errors, and errors that only say the words, are not busy.
func TestIsBusy_OtherErrors(t *testing.T) {
	db := openNoWait(t, filepath.Join(t.TempDir(), "other.db"))
	_, missing := db.Exec(`INSERT INTO no_such_table VALUES (1)`)
	if missing == nil {
		t.Fatal("insert into a missing table succeeded")
	}
	for _, err := range []error{
		nil,
		missing,
		errors.New("database is locked (5) (SQLITE_BUSY)"), // words alone are not a code
		errors.New("database table is locked"),
	} {
		if schema.IsBusy(err) {
			t.Errorf("IsBusy(%v) = true, want false", err)
		}
	}
}
