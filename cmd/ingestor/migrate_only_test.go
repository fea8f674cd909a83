package main

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

// TestIngestor_MigrateOnly: -migrate-only migrates a database written by the existing CoreScope
// (the shared fixture) and repairs its legacy hashes, then exits 0 without touching MQTT.
func TestIngestor_MigrateOnly(t *testing.T) {
	bin, _ := binaries(t)
	path := testutil.CopyFixture(t)
	cmd := exec.Command(bin, "-config", "none.json", "-db", path, "-migrate-only")
	cmd.Env = append(os.Environ(), "MQTT_BROKER=mqtt://127.0.0.1:1") // never dialled
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("migrate-only: %v\n%s", err, out)
	}
	db, err := schema.OpenReadOnly(context.Background(), path, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := schema.AssertReady(context.Background(), db); err != nil {
		t.Fatalf("not migrated: %v", err)
	}
	// 145 fixture rows carry legacy hashes (vectors.json: hash != content_hash).
	stale := 0
	for _, v := range testutil.LoadVectors(t) {
		if v.Source == "fixture" && v.Hash != v.ContentHash {
			stale++
		}
	}
	if n := count(t, db, "SELECT COUNT(*) FROM hash_aliases"); n != stale || stale == 0 {
		t.Errorf("hash aliases: got %d, want %d (the legacy hashes repaired)", n, stale)
	}
}
