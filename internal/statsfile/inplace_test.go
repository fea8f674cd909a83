package statsfile

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// The in-place path (taken on ENOSPC) must leave a file Read parses, keep the file's
// length, and refuse a snapshot larger than the blocks the file holds.
func TestOverwriteInPlace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stats.json")
	big := &Snapshot{SampledAt: "2026-01-01T00:00:00Z", BadInput: map[string]int64{}}
	for _, k := range []string{"malformed_json", "oversize", "unknown_topic", "undecodable", "queue_full", "absurd_value"} {
		big.BadInput[k] = 123456789
	}
	if err := Write(path, big); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	small := &Snapshot{SampledAt: "2026-01-01T00:00:01Z", WALCommits: 7,
		DiskFull: &DiskFull{Since: "2026-01-01T00:00:00Z", Retries: 2, Error: "database or disk is full (13)"}}
	b := mustJSON(t, small)
	if err := overwriteInPlace(path, b); err != nil {
		t.Fatalf("overwrite in place: %v", err)
	}
	got, _, err := Read(path)
	if err != nil {
		t.Fatalf("read after in-place write: %v", err)
	}
	if got.WALCommits != 7 || got.DiskFull == nil || got.DiskFull.Retries != 2 || len(got.BadInput) != 0 {
		t.Fatalf("read back %+v", got)
	}
	after, _ := os.Stat(path)
	if after.Size() != before.Size() {
		t.Errorf("size changed from %d to %d; the in-place write must not need new blocks", before.Size(), after.Size())
	}
	huge := make([]byte, 1<<20)
	for i := range huge {
		huge[i] = ' '
	}
	if err := overwriteInPlace(path, huge); err == nil {
		t.Fatal("a 1 MiB snapshot fitted in place; want an error")
	}
	if got, _, err := Read(path); err != nil || got.WALCommits != 7 {
		t.Fatalf("a refused in-place write changed the file: %+v %v", got, err)
	}
}

func mustJSON(t *testing.T, s *Snapshot) []byte {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
