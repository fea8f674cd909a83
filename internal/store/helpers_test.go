package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/schema"
)

// The shared capture, read in place. internal/testutil cannot be used here: it imports
// internal/api, which imports this package.
const sharedFixture = "../../../shared/testdata/corescope-fixture.db"

// copyFixture copies the shared fixture into t.TempDir(); a missing capture fails the
// test under CI=true and skips it otherwise.
func copyFixture(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(sharedFixture)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared fixture missing: %v", err)
		}
		t.Skipf("shared fixture missing: %v", err)
	}
	path := filepath.Join(t.TempDir(), "fixture.db")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// openMigrated opens the writer database at path, migrates it and closes it at cleanup.
func openMigrated(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := schema.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open db: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := schema.Migrate(context.Background(), db, nil); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

// fixtureDB migrates a copy of the shared fixture and returns its path and a direct
// read-only handle for cross-checking with SQL.
func fixtureDB(t *testing.T) (string, *sql.DB) {
	t.Helper()
	path := copyFixture(t)
	rw := openMigrated(t, path)
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
	waitLoaded(t, s)
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
