package alerts

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

func TestManager_DiskFullEpisode(t *testing.T) {
	rcv := newReceiver(t)
	stats := filepath.Join(t.TempDir(), "stats.json")
	now := time.Now().Truncate(time.Second)
	m := New(Options{Webhooks: []string{rcv.srv.URL}, StatsPath: stats, IngestStalled: 10 * time.Minute,
		Now: func() time.Time { return now }})
	write := func(full *statsfile.DiskFull) {
		t.Helper()
		if err := statsfile.Write(stats, &statsfile.Snapshot{SampledAt: now.UTC().Format(time.RFC3339), DiskFull: full}); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(stats, now, now)
	}
	write(nil)
	m.Tick(context.Background())
	if got := rcv.take(); len(got) != 0 {
		t.Fatalf("disk with room: got %s", summary(got))
	}
	write(&statsfile.DiskFull{Since: now.UTC().Format(time.RFC3339), Retries: 3, Error: "commit batch: database or disk is full (13)"})
	m.Tick(context.Background())
	evs := rcv.take()
	if summary(evs) != "firing disk_full ingestor" || !strings.Contains(evs[0].Message, "3 retries") {
		t.Fatalf("disk full: got %+v", evs)
	}
	now = now.Add(time.Minute)
	write(nil)
	m.Tick(context.Background())
	if got := summary(rcv.take()); got != "resolved disk_full ingestor" {
		t.Fatalf("space freed: got %s", got)
	}
}
