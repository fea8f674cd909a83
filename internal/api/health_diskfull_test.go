package api

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

func TestHealthz_NamesDiskFull(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.Ops.Health = IngestHealth{StatsMaxAge: 30 * time.Second} })
	path := f.api.opts.StatsPath
	now := time.Now()
	full := &statsfile.Snapshot{SampledAt: now.UTC().Format(time.RFC3339),
		DiskFull: &statsfile.DiskFull{Since: now.Add(-90 * time.Second).UTC().Format(time.RFC3339), Retries: 4,
			Error: "commit batch: database or disk is full (13)"}}
	if err := statsfile.Write(path, full); err != nil {
		t.Fatal(err)
	}
	code, h := f.healthz(t)
	if code != http.StatusServiceUnavailable || len(h.Reasons) != 1 || !strings.HasPrefix(h.Reasons[0], "disk full") ||
		!strings.Contains(h.Reasons[0], "4 retries") {
		t.Fatalf("disk full: got %d %+v, want 503 with a disk-full reason", code, h)
	}
	if strings.Contains(h.Reasons[0], "(13)") {
		t.Errorf("healthz repeats the driver's error text: %q", h.Reasons[0])
	}
	writeStats(t, path, time.Now())
	if code, h := f.healthz(t); code != 200 {
		t.Fatalf("space freed: got %d %+v, want 200", code, h)
	}
}
