package api

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

type healthzBody struct {
	Ready    bool     `json:"ready"`
	Healthy  bool     `json:"healthy"`
	Reasons  []string `json:"reasons"`
	Ingestor struct {
		StatsAgeSec         float64            `json:"statsAgeSec"`
		SilentSources       map[string]float64 `json:"silentSources"`
		DisconnectedSources map[string]float64 `json:"disconnectedSources"`
		HeartbeatAgeSec     float64            `json:"heartbeatAgeSec"`
	} `json:"ingestor"`
}

func (f *fixture) healthz(t *testing.T) (int, healthzBody) {
	t.Helper()
	code, _, b := f.do(t, http.MethodGet, "/api/healthz", "", nil)
	var h healthzBody
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatalf("healthz body: %v: %s", err, b)
	}
	return code, h
}

func writeStats(t *testing.T, path string, sampled time.Time, sources ...statsfile.SourceStatus) {
	t.Helper()
	if err := statsfile.Write(path, &statsfile.Snapshot{SampledAt: sampled.UTC().Format(time.RFC3339), SourceStatuses: sources}); err != nil {
		t.Fatal(err)
	}
}

func TestHealthz_StaleStatsFileOnDisk(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.Ops.Health = IngestHealth{StatsMaxAge: 30 * time.Second} })
	path := f.api.opts.StatsPath
	if code, h := f.healthz(t); code != 200 || !h.Healthy || h.Ingestor.StatsAgeSec > 30 {
		t.Fatalf("fresh stats: got %d %+v, want 200 healthy", code, h)
	}
	// A SIGKILLed ingestor leaves its last file behind: age it on disk.
	old := time.Now().Add(-10 * time.Minute)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	code, h := f.healthz(t)
	if code != http.StatusServiceUnavailable || h.Healthy || !h.Ready || len(h.Reasons) != 1 || !strings.Contains(h.Reasons[0], "stats file") {
		t.Fatalf("stale stats: got %d %+v, want 503 with a stats-file reason", code, h)
	}
	if h.Ingestor.StatsAgeSec < 590 {
		t.Fatalf("statsAgeSec = %v, want ~600", h.Ingestor.StatsAgeSec)
	}
	// The ingestor comes back and rewrites the file: healthy again.
	writeStats(t, path, time.Now())
	if code, _ := f.healthz(t); code != 200 {
		t.Fatalf("rewritten stats: got %d, want 200", code)
	}
	// A fresh mtime with an old sampledAt is stale too (the older clock wins).
	writeStats(t, path, time.Now().Add(-5*time.Minute))
	if code, _ := f.healthz(t); code != http.StatusServiceUnavailable {
		t.Fatalf("old sampledAt: got %d, want 503", code)
	}
}

func TestHealthz_SilentSource(t *testing.T) {
	f := newFixture(t, func(o *Options) {
		o.Ops.Health = IngestHealth{StatsMaxAge: time.Minute, SourceSilent: 15 * time.Minute}
	})
	path := f.api.opts.StatsPath
	now := time.Now()
	writeStats(t, path, now,
		statsfile.SourceStatus{Name: "busy", Connected: true, LastPacketUnix: now.Add(-time.Minute).Unix()},
		statsfile.SourceStatus{Name: "quiet", Connected: true, LastPacketUnix: now.Add(-time.Hour).Unix()})
	code, h := f.healthz(t)
	if code != http.StatusServiceUnavailable || len(h.Reasons) != 1 || !strings.Contains(h.Reasons[0], `"quiet"`) {
		t.Fatalf("silent source: got %d %+v, want 503 naming quiet", code, h)
	}
	if s := h.Ingestor.SilentSources["quiet"]; s < 3500 || h.Ingestor.SilentSources["busy"] != 0 {
		t.Fatalf("silentSources = %v", h.Ingestor.SilentSources)
	}
	// A per-source limit overrides the default: "quiet" may stay silent for two hours.
	f.api.opts.Ops.Health.SourceSilentBy = map[string]time.Duration{"quiet": 2 * time.Hour, "busy": 30 * time.Second}
	code, h = f.healthz(t)
	if code != http.StatusServiceUnavailable || len(h.Reasons) != 1 || !strings.Contains(h.Reasons[0], `"busy"`) ||
		!strings.Contains(h.Reasons[0], "limit 30s") {
		t.Fatalf("per-source limits: got %d %+v, want 503 naming busy with its own limit", code, h)
	}
	f.api.opts.Ops.Health.SourceSilentBy = nil
	// Never delivered a message: counted from its last connect.
	writeStats(t, path, now, statsfile.SourceStatus{Name: "new", LastConnectUnix: now.Add(-time.Minute).Unix()})
	if code, _ := f.healthz(t); code != 200 {
		t.Fatalf("recently connected source: got %d, want 200", code)
	}
}

func TestHealthz_WriterStuckWhileStatsFresh(t *testing.T) {
	var offset atomic.Int64
	base := time.Now()
	clock := func() time.Time { return base.Add(time.Duration(offset.Load())) }
	f := newFixture(t, func(o *Options) {
		o.Now = clock
		o.Ops.Health = IngestHealth{StatsMaxAge: 30 * time.Second, WriterStalled: 2 * time.Minute}
	})
	path := f.api.opts.StatsPath
	write := func(commits int64) {
		t.Helper()
		now := clock()
		if err := statsfile.Write(path, &statsfile.Snapshot{SampledAt: now.UTC().Format(time.RFC3339), QueueDepth: 400, WALCommits: commits}); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(path, now, now) // the ingestor keeps its stats file fresh while the writer waits
	}
	write(5)
	if code, _ := f.healthz(t); code != 200 {
		t.Fatalf("first sample: %d", code)
	}
	offset.Store(int64(3 * time.Minute))
	write(5)
	code, h := f.healthz(t)
	if code != http.StatusServiceUnavailable || len(h.Reasons) != 1 || !strings.Contains(h.Reasons[0], "committed nothing") {
		t.Fatalf("stuck writer: got %d %+v, want 503", code, h)
	}
	offset.Store(int64(4 * time.Minute))
	write(6)
	if code, h := f.healthz(t); code != 200 {
		t.Fatalf("writer committing again: got %d %+v", code, h)
	}
}

func TestHealthz_MissingStatsFile(t *testing.T) {
	for _, require := range []bool{false, true} {
		f := newFixture(t, func(o *Options) {
			o.StatsPath = t.TempDir() + "/absent.json"
			o.Ops.Health = IngestHealth{StatsMaxAge: 30 * time.Second, RequireStats: require}
		})
		code, h := f.healthz(t)
		want := 200
		if require {
			want = http.StatusServiceUnavailable
		}
		if code != want || h.Ingestor.StatsAgeSec != -1 {
			t.Fatalf("requireStats=%v: got %d %+v, want %d", require, code, h, want)
		}
		if strings.Contains(strings.Join(h.Reasons, " "), "absent.json") {
			t.Fatalf("healthz leaks the stats path: %v", h.Reasons)
		}
	}
}
