package testutil

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/corescope/corescope/internal/schema"
)

// SharedPath returns the absolute path of rel inside ../shared (next to the checkout).
// A missing file fails the test under CI=true and skips it otherwise.
func SharedPath(t testing.TB, rel string) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testutil: cannot locate source file")
	}
	p := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared file %s missing: %v", rel, err)
		}
		t.Skipf("shared file %s missing: %v", rel, err)
	}
	return p
}

// CopyFixture copies shared/testdata/corescope-fixture.db into t.TempDir() and returns the
// copy's path. The shared file is never opened for writing.
func CopyFixture(t testing.TB) string {
	t.Helper()
	src := SharedPath(t, "testdata/corescope-fixture.db")
	dst := filepath.Join(t.TempDir(), "fixture.db")
	in, err := os.Open(src)
	if err != nil {
		t.Fatalf("open fixture: %v", err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatalf("create fixture copy: %v", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatalf("copy fixture: %v", err)
	}
	if err := out.Close(); err != nil {
		t.Fatalf("close fixture copy: %v", err)
	}
	return dst
}

// OpenTestDB opens a fresh, migrated writer database in t.TempDir() and closes it at
// cleanup. It returns the handle and its path.
func OpenTestDB(t testing.TB) (*sql.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	return OpenMigrated(t, path), path
}

// OpenMigrated opens the writer database at path, migrates it and closes it at cleanup.
func OpenMigrated(t testing.TB, path string) *sql.DB {
	t.Helper()
	ctx := context.Background()
	db, err := schema.Open(ctx, path)
	if err != nil {
		t.Fatalf("open db: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := schema.Migrate(ctx, db, nil); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

// Vector is one entry of shared/testdata/vectors.json (fields used by tests).
type Vector struct {
	Source          string          `json:"source"`
	ID              int             `json:"id"`
	Name            string          `json:"name"`
	RawHex          string          `json:"raw_hex"`
	Hash            string          `json:"hash"`
	ContentHash     string          `json:"content_hash"`
	RouteType       int             `json:"route_type"`
	PayloadType     int             `json:"payload_type"`
	ReferenceDecode json.RawMessage `json:"reference_decode"`
	ReferencePath   json.RawMessage `json:"reference_path_json"`
	ChannelHash     *string         `json:"channel_hash_column"`
	FromPubkey      *string         `json:"from_pubkey_column"`
}

// LoadVectors reads shared/testdata/vectors.json in place.
func LoadVectors(t testing.TB) []Vector {
	t.Helper()
	b, err := os.ReadFile(SharedPath(t, "testdata/vectors.json"))
	if err != nil {
		t.Fatalf("read vectors: %v", err)
	}
	var v []Vector
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("parse vectors: %v", err)
	}
	return v
}
