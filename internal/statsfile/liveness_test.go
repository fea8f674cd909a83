package statsfile

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestReadAged_OlderClockWins(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stats.json")
	now := time.Now()
	if err := Write(path, &Snapshot{SampledAt: now.UTC().Format(time.RFC3339)}); err != nil {
		t.Fatal(err)
	}
	if _, age, err := ReadAged(path, now); err != nil || age > 2*time.Second {
		t.Fatalf("fresh file: age %v err %v", age, err)
	}
	old := now.Add(-10 * time.Minute)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	if _, age, _ := ReadAged(path, now); age < 9*time.Minute {
		t.Fatalf("old mtime: age %v, want ~10m", age)
	}
	if err := Write(path, &Snapshot{SampledAt: old.UTC().Format(time.RFC3339)}); err != nil {
		t.Fatal(err)
	}
	if _, age, _ := ReadAged(path, now); age < 9*time.Minute {
		t.Fatalf("old sampledAt: age %v, want ~10m", age)
	}
	if _, _, err := ReadAged(filepath.Join(t.TempDir(), "absent"), now); err == nil {
		t.Fatalf("missing file: want an error")
	}
}

func TestSnapshot_SourceSilence(t *testing.T) {
	now := time.Unix(10_000, 0)
	s := &Snapshot{
		SourceStatuses: []SourceStatus{{Name: "a", LastPacketUnix: 9_000}, {Name: "b", LastConnectUnix: 9_900}, {Name: "c"}},
		SourceLiveness: map[string]SourceLiveness{"a": {LastMessageUnix: 9_500}},
	}
	got := s.SourceSilence(now, time.Unix(9_800, 0))
	want := map[string]time.Duration{"a": 500 * time.Second, "b": 100 * time.Second, "c": 200 * time.Second}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %v, want %v", k, got[k], v)
		}
	}
}

func TestWriterProgress_StuckVersusIdle(t *testing.T) {
	var p WriterProgress
	t0 := time.Unix(1000, 0)
	busy := &Snapshot{QueueDepth: 50, WALCommits: 7}
	if d := p.Stalled(t0, busy); d != 0 {
		t.Fatalf("first sample: %v", d)
	}
	if d := p.Stalled(t0.Add(90*time.Second), busy); d != 90*time.Second {
		t.Fatalf("queued work, no commit for 90s: got %v", d)
	}
	if d := p.Stalled(t0.Add(100*time.Second), &Snapshot{QueueDepth: 50, WALCommits: 8}); d != 0 {
		t.Fatalf("a commit resets the clock: got %v", d)
	}
	if d := p.Stalled(t0.Add(500*time.Second), &Snapshot{QueueDepth: 0, WALCommits: 8}); d != 0 {
		t.Fatalf("idle (empty queue) is not stalled: got %v", d)
	}
	if d := p.Stalled(t0.Add(510*time.Second), &Snapshot{QueueDepth: 3, WALCommits: 8}); d != 10*time.Second {
		t.Fatalf("work arrives after idling: got %v, want 10s", d)
	}
}
