package statsfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func sample() *Snapshot {
	return &Snapshot{
		SampledAt: "2026-01-02T03:04:05Z", TxInserted: 5, ObsInserted: 9, WALCommits: 2,
		BackfillUpdates: map[string]int64{"path_json": 1},
		SourceStatuses:  []SourceStatus{{Name: "local", Broker: "mqtt://127.0.0.1:1883", Connected: true, ReconnectCount: 1}},
		WriterPerf:      map[string]WriterStats{"mqtt_handler": {Count: 3, HoldMsP95: 1.5}},
	}
}

func TestWrite_RoundTrip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "stats.json")
	if err := Write(p, sample()); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if strings.HasSuffix(string(b), "\n") || strings.Contains(string(b), "\n") {
		t.Errorf("want compact JSON without newline, got %q", b)
	}
	for _, key := range []string{`"tx_inserted":5`, `"obs_inserted":9`, `"walCommits":2`, `"groupCommitFlushes":0`,
		`"backfillUpdates":{"path_json":1}`, `"source_statuses":[{"name":"local"`, `"writer_perf":{"mqtt_handler":`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("stats JSON lacks %s: %s", key, b)
		}
	}
	fi, _ := os.Stat(p)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode: got %v, want 0600", fi.Mode().Perm())
	}
	got, _, err := Read(p)
	if err != nil {
		t.Fatal(err)
	}
	if got.ObsInserted != 9 || got.SourceStatuses[0].ReconnectCount != 1 {
		t.Errorf("Read: got %+v", got)
	}
	age, ok := got.Age(time.Date(2026, 1, 2, 3, 4, 15, 0, time.UTC))
	if !ok || age != 10*time.Second {
		t.Errorf("Age: got %v %v, want 10s", age, ok)
	}
	if _, err := os.Stat(p + ".tmp"); !os.IsNotExist(err) {
		t.Errorf("tmp file left behind: %v", err)
	}
}

func TestWrite_SymlinkAtPathIsReplacedNotFollowed(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim.txt")
	os.WriteFile(victim, []byte("precious"), 0o644)
	p := filepath.Join(dir, "stats.json")
	if err := os.Symlink(victim, p); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, sample()); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious" {
		t.Errorf("symlink target was written: %q", b)
	}
	fi, err := os.Lstat(p)
	if err != nil || fi.Mode()&os.ModeSymlink != 0 {
		t.Errorf("path still a symlink: %v %v", fi.Mode(), err)
	}
}

func TestWrite_SymlinkAtTmpFails(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim.txt")
	os.WriteFile(victim, []byte("precious"), 0o644)
	p := filepath.Join(dir, "stats.json")
	if err := os.Symlink(victim, p+".tmp"); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, sample()); err == nil {
		t.Fatal("Write through planted tmp symlink succeeded")
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious" {
		t.Errorf("symlink target was written: %q", b)
	}
}

func TestRead_Errors(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := Read(filepath.Join(dir, "none")); err == nil {
		t.Error("missing file: got nil error")
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{nope"), 0o600)
	if _, _, err := Read(bad); err == nil {
		t.Error("bad JSON: got nil error")
	}
}

func TestParseProcIO_AndRate(t *testing.T) {
	t0 := time.Unix(100, 0)
	a, err := ParseProcIO([]byte("rchar: 1\nsyscr: 10\nsyscw: 20\nread_bytes: 1000\nwrite_bytes: 2000\ncancelled_write_bytes: 0\n"), t0)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := ParseProcIO([]byte("syscr: 30\nsyscw: 20\nread_bytes: 3000\nwrite_bytes: 6000\ncancelled_write_bytes: 400\n"), t0.Add(2*time.Second))
	r := Rate(a, b)
	if r.ReadBytesPerSec != 1000 || r.WriteBytesPerSec != 2000 || r.CancelledWriteBytesPerSec != 200 || r.SyscallsRead != 10 || r.SyscallsWrite != 0 {
		t.Errorf("got %+v", r)
	}
	if _, err := ParseProcIO([]byte("garbage"), t0); err != ErrNoProcIO {
		t.Errorf("got %v, want ErrNoProcIO", err)
	}
}
