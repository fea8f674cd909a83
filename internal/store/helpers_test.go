package store

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

// fixtureDB migrates a copy of the shared fixture and returns its path and a direct
// read-only handle for cross-checking with SQL.
func fixtureDB(t *testing.T) (string, *sql.DB) {
	t.Helper()
	path := testutil.CopyFixture(t)
	rw := testutil.OpenMigrated(t, path)
	rw.Close()
	return path, openRO(t, path)
}

func openRO(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := schema.OpenReadOnly(context.Background(), path, 4)
	if err != nil {
		t.Fatalf("open read-only: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openStore opens a store over path and waits until the startup load is complete.
func openStore(t testing.TB, path string, opts Options) *Store {
	t.Helper()
	s := New(openRO(t, path), opts)
	if err := s.Open(context.Background()); err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.Close(ctx); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	waitFor(t, "load", func() bool { st, _ := s.LoadStatus(); return st != "loading" })
	if st, p := s.LoadStatus(); st != "ready" || p != 100 {
		t.Fatalf("load status = %s %d", st, p)
	}
	return s
}

func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func sqlInt(t testing.TB, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func intp(v int) *int { return &v }
