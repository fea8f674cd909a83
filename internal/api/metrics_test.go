package api

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/metrics"
	"github.com/gorilla/websocket"
)

// seriesValue returns the value of the exposition line that starts with series + " ".
func seriesValue(body, series string) (float64, bool) {
	for _, l := range strings.Split(body, "\n") {
		if v, ok := strings.CutPrefix(l, series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f, err == nil
		}
	}
	return 0, false
}

func (f *fixture) scrape(t *testing.T, hdr map[string]string) string {
	t.Helper()
	code, _, b := f.do(t, http.MethodGet, "/metrics", "", hdr)
	if code != http.StatusOK {
		t.Fatalf("GET /metrics: %d %s", code, b)
	}
	return string(b)
}

func TestMetrics_ServerSeriesMove(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.Ops.Metrics = metrics.New(metrics.DefaultOptions()) })
	before := f.scrape(t, map[string]string{"X-API-Key": testKey})
	if v, ok := seriesValue(before, "corescope_store_transmissions"); !ok || v <= 0 {
		t.Fatalf("store_transmissions = %v (%v), want > 0", v, ok)
	}
	if v, _ := seriesValue(before, "corescope_store_load_complete"); v != 1 {
		t.Fatalf("store_load_complete = %v, want 1", v)
	}
	for range 3 {
		f.do(t, http.MethodGet, "/api/nodes?limit=5", "", nil)
	}
	f.do(t, http.MethodGet, "/api/no-such-"+strings.Repeat("a", 40), "", nil)
	ws, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(f.srv.URL, "http")+"/ws", nil)
	if err != nil {
		t.Fatalf("dial ws: %v", err)
	}
	defer ws.Close()
	if _, resp, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(f.srv.URL, "http")+"/ws",
		http.Header{"Origin": {"https://evil.example"}}); err == nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site upgrade: err=%v", err)
	}
	after := f.scrape(t, map[string]string{"X-API-Key": testKey})
	if v, _ := seriesValue(after, `corescope_http_request_duration_seconds_count{code="2xx",method="GET",route="/api/nodes"}`); v != 3 {
		t.Errorf("/api/nodes request count = %v, want 3", v)
	}
	if v, _ := seriesValue(after, `corescope_http_request_duration_seconds_count{code="4xx",method="GET",route="unmatched"}`); v != 1 {
		t.Errorf("unmatched request count = %v, want 1", v)
	}
	if strings.Contains(after, "no-such-") {
		t.Errorf("a raw unmatched path became a label value")
	}
	if v, _ := seriesValue(after, "corescope_websocket_clients"); v != 1 {
		t.Errorf("websocket_clients = %v, want 1", v)
	}
	if v, _ := seriesValue(after, "corescope_websocket_origin_rejected_total"); v != 1 {
		t.Errorf("websocket_origin_rejected_total = %v, want 1", v)
	}
	if v, ok := seriesValue(after, "corescope_ingestor_stats_age_seconds"); !ok || v < 0 || v > 60 {
		t.Errorf("ingestor_stats_age_seconds = %v (%v), want a fresh age", v, ok)
	}
	if !strings.Contains(after, "go_goroutines") {
		t.Errorf("runtime collectors missing")
	}
}

func TestMetrics_BearerToken(t *testing.T) {
	f := newFixture(t, func(o *Options) {
		o.Ops.Metrics = metrics.New(metrics.Options{})
		o.Ops.MetricsToken = "scrape-secret-0123456789"
	})
	code, hdr, _ := f.do(t, http.MethodGet, "/metrics", "", nil)
	if code != http.StatusUnauthorized || hdr.Get("WWW-Authenticate") == "" {
		t.Fatalf("no token: got %d, want 401 with WWW-Authenticate", code)
	}
	if code, _, _ := f.do(t, http.MethodGet, "/metrics", "", map[string]string{"Authorization": "Bearer wrong"}); code != http.StatusUnauthorized {
		t.Fatalf("wrong token: got %d, want 401", code)
	}
	body := f.scrape(t, map[string]string{"Authorization": "Bearer scrape-secret-0123456789"})
	if !strings.Contains(body, "corescope_store_observations") {
		t.Fatalf("scrape with token lacks store series")
	}
}

func TestMetrics_DisabledWithoutRegistry(t *testing.T) {
	f := newFixture(t)
	code, _, b := f.do(t, http.MethodGet, "/metrics", "", nil)
	if code == http.StatusOK && strings.Contains(string(b), "corescope_") {
		t.Fatalf("/metrics served without a registry")
	}
	resp, err := http.Get(f.srv.URL + "/api/healthz")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz with a fresh stats file: %d", resp.StatusCode)
	}
}
