package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/alerts"
	"github.com/corescope/corescope/internal/statsfile"
	"github.com/corescope/corescope/internal/testutil"
)

// fixtureNode is the fixture's longest-silent node (last heard 2026-05-17).
const fixtureNode = "976588cefcb05abd2a50fbaef3789f6f581675f39233277332b94ead3b333e6b"

type opsServer struct {
	base  string
	stats string
	db    string
	mu    sync.Mutex
	hooks []alerts.Event
}

func (o *opsServer) events() []alerts.Event {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]alerts.Event(nil), o.hooks...)
}

// opsAPIKey is apiKey in the ops server's config (the alert write routes need it).
const opsAPIKey = "ops-test-api-key-abcdefghijklmnop"

// opsScrapeToken is prometheus.token in the ops server's config: /metrics is operator-only.
const opsScrapeToken = "ops-test-scrape-token-0123456789"

func (o *opsServer) get(t *testing.T, path string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, o.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+opsScrapeToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func (o *opsServer) writeStats(t *testing.T, at time.Time) {
	t.Helper()
	err := statsfile.Write(o.stats, &statsfile.Snapshot{SampledAt: at.UTC().Format(time.RFC3339),
		SourceStatuses: []statsfile.SourceStatus{{Name: "local", Connected: true, LastPacketUnix: at.Unix()}}})
	if err == nil {
		err = os.Chtimes(o.stats, at, at)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// startOpsServer runs the server binary over a fixture copy (no ingestor) with a webhook
// receiver on 127.0.0.1 and tight rate limits, health and alert thresholds.
func startOpsServer(t *testing.T) *opsServer {
	dir := t.TempDir()
	o := &opsServer{stats: filepath.Join(dir, "stats.json")}
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var ev alerts.Event
		if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
			t.Errorf("webhook body: %v", err)
		}
		o.mu.Lock()
		o.hooks = append(o.hooks, ev)
		o.mu.Unlock()
	}))
	t.Cleanup(rcv.Close)
	o.writeStats(t, time.Now())
	db := testutil.CopyFixture(t)
	o.db = db
	testutil.OpenMigrated(t, db).Close() // the ingestor's migrations, as in production
	cfg := map[string]any{
		"dbPath": db, "logFormat": "json", "prometheus": map[string]any{"token": opsScrapeToken}, "apiKey": opsAPIKey,
		"rateLimit": map[string]any{"perSecond": 0.01, "burst": 2, "exemptLoopback": false},
		"healthz":   map[string]any{"statsMaxAgeSec": 30, "sourceSilentSec": 3600},
		"alerts": map[string]any{"webhooks": []string{rcv.URL + "/hook"}, "intervalSec": 1, "ingestStalledSec": 60,
			"nodes": []string{fixtureNode}, "nodeSilentMinutes": 60, "observers": []string{"none-such"}},
	}
	b, _ := json.Marshal(cfg)
	cfgPath := filepath.Join(dir, "config.json")
	if err := os.WriteFile(cfgPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "server")
	buildBinary(t, "./cmd/server", bin)
	port := testutil.FreePort(t)
	startProc(t, bin, []string{"PORT=" + strconv.Itoa(port), "CORESCOPE_INGESTOR_STATS=" + o.stats}, "-config", cfgPath,
		"-public", filepath.Join(dir, "no-public"))
	o.base = fmt.Sprintf("http://127.0.0.1:%d", port)
	waitFor(t, "server healthy", func() bool {
		o.writeStats(t, time.Now()) // a live ingestor rewrites its stats file every second
		resp, err := http.Get(o.base + "/api/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	})
	return o
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func seriesValue(body, series string) float64 {
	for _, l := range strings.Split(body, "\n") {
		if v, ok := strings.CutPrefix(l, series+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return f
		}
	}
	return -1
}

func hasEvent(evs []alerts.Event, status, kind string) bool {
	for _, e := range evs {
		if e.Status == status && e.Kind == kind {
			return true
		}
	}
	return false
}

func TestServer_MetricsHealthzRateLimitAlerts(t *testing.T) {
	o := startOpsServer(t)

	_, _, m := o.get(t, "/metrics")
	if seriesValue(m, "corescope_store_transmissions") <= 0 || seriesValue(m, "corescope_healthz_healthy") != 1 {
		t.Fatalf("first scrape: store/healthz series wrong:\n%.2000s", m)
	}
	for range 2 {
		o.get(t, "/api/nodes?limit=3")
	}
	_, _, m = o.get(t, "/metrics")
	if v := seriesValue(m, `corescope_http_request_duration_seconds_count{code="2xx",method="GET",route="/api/nodes"}`); v != 2 {
		t.Errorf("/api/nodes count = %v, want 2", v)
	}

	// Per-IP rate limit on an expensive route (loopback exemption switched off).
	codes := []int{}
	for range 3 {
		c, _, _ := o.get(t, "/api/analytics/hash-sizes")
		codes = append(codes, c)
	}
	if codes[0] != 200 || codes[1] != 200 || codes[2] != http.StatusTooManyRequests {
		t.Errorf("analytics burst of 3: got %v, want [200 200 429]", codes)
	}

	// The claimed fixture node has been silent for months: one firing event.
	waitFor(t, "node_silent webhook", func() bool { return hasEvent(o.events(), "firing", alerts.KindNodeSilent) })

	// The ingestor "dies": its stats file ages on disk.
	o.writeStats(t, time.Now().Add(-10*time.Minute))
	code, _, body := o.get(t, "/api/healthz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "stats file") {
		t.Fatalf("stale stats: healthz %d %s, want 503 naming the stats file", code, body)
	}
	waitFor(t, "ingest_stalled webhook", func() bool { return hasEvent(o.events(), "firing", alerts.KindIngestStalled) })
	_, _, m = o.get(t, "/metrics")
	if seriesValue(m, "corescope_healthz_healthy") != 0 || seriesValue(m, "corescope_ingestor_stats_age_seconds") < 590 ||
		seriesValue(m, "corescope_alerts_firing") < 2 {
		t.Errorf("metrics during the outage: healthy=%v age=%v firing=%v", seriesValue(m, "corescope_healthz_healthy"),
			seriesValue(m, "corescope_ingestor_stats_age_seconds"), seriesValue(m, "corescope_alerts_firing"))
	}
	// One series per rule: the two firing rules at 1, a quiet rule present at 0.
	if seriesValue(m, `corescope_alerts_firing_by_rule{rule="ingest_stalled"}`) != 1 ||
		seriesValue(m, `corescope_alerts_firing_by_rule{rule="node_silent"}`) != 1 ||
		!strings.Contains(m, `corescope_alerts_firing_by_rule{rule="bridge_silent"} 0`) {
		t.Errorf("per-rule alert metric during the outage:\n%s", grepLines(m, "alerts_firing_by_rule"))
	}

	// The ingestor comes back.
	o.writeStats(t, time.Now())
	if code, _, body := o.get(t, "/api/healthz"); code != 200 {
		t.Fatalf("fresh stats again: healthz %d %s", code, body)
	}
	waitFor(t, "ingest_stalled resolved", func() bool { return hasEvent(o.events(), "resolved", alerts.KindIngestStalled) })
	n := 0
	for _, e := range o.events() {
		if e.Kind == alerts.KindNodeSilent {
			n++
		}
	}
	if n != 1 {
		t.Errorf("node_silent delivered %d times, want once per episode", n)
	}
}

// grepLines keeps the lines of s containing sub (for failure messages).
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
