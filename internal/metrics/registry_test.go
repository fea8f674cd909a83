package metrics

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func scrape(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("scrape: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("scrape: status %d: %s", resp.StatusCode, b)
	}
	return string(b)
}

func hasLine(body, line string) bool {
	for _, l := range strings.Split(body, "\n") {
		if l == line {
			return true
		}
	}
	return false
}

func TestRegistry_LiveFamiliesOverHTTP(t *testing.T) {
	r := New(DefaultOptions())
	c, err := r.Counter("things_total", "Things.", "kind")
	if err != nil {
		t.Fatal(err)
	}
	g, _ := r.Gauge("depth", "Depth.")
	h, _ := r.Histogram("wait_seconds", "Wait.", []float64{0.1, 1}, "comp")
	srv := httptest.NewServer(r.Handler(""))
	defer srv.Close()

	c.Add(2, "a")
	c.Add(-5, "a")       // negative adds are ignored
	c.Add(1, "a", "too") // wrong label count is ignored, never a panic
	g.Set(7)
	g.Add(-2)
	h.Observe(0.05, "writer")
	h.Observe(0.5, "writer")
	body := scrape(t, srv.URL)
	for _, want := range []string{`corescope_things_total{kind="a"} 2`, `corescope_depth 5`,
		`corescope_wait_seconds_bucket{comp="writer",le="0.1"} 1`, `corescope_wait_seconds_count{comp="writer"} 2`} {
		if !hasLine(body, want) {
			t.Errorf("scrape lacks %q", want)
		}
	}
	if !strings.Contains(body, "go_goroutines") || !strings.Contains(body, "process_") {
		t.Errorf("runtime collectors missing")
	}
	if _, err := r.Counter("things_total", "again"); err == nil {
		t.Errorf("duplicate registration: got nil error")
	}
}

func TestRegistry_BearerToken(t *testing.T) {
	r := New(Options{})
	srv := httptest.NewServer(r.Handler("tok-123"))
	defer srv.Close()
	for _, auth := range []string{"", "Bearer wrong", "tok-123", "Basic tok-123"} {
		req, _ := http.NewRequest("GET", srv.URL, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("Authorization %q: got %d, want 401", auth, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Authorization", "Bearer tok-123")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("right token: got %d", resp.StatusCode)
	}
}

func TestRegistry_SnapshotReadAtScrape(t *testing.T) {
	r := New(Options{Namespace: "x"})
	n := 0
	err := r.Snapshot([]Family{{Name: "rows", Help: "Rows.", Kind: KindGauge},
		{Name: "msgs_total", Help: "Messages.", Kind: KindCounter, Labels: []string{"source"}}}, func(emit Emit) {
		n++
		emit("rows", float64(n*10))
		emit("msgs_total", float64(n), "local")
		emit("msgs_total", -1, "broken") // counters never go negative: dropped
		emit("unknown", 1)               // undeclared: dropped
		emit("rows", 1, "extra")         // wrong label count: dropped
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(r.Handler(""))
	defer srv.Close()
	first := scrape(t, srv.URL)
	second := scrape(t, srv.URL)
	if !hasLine(first, "x_rows 10") || !hasLine(second, "x_rows 20") || !hasLine(second, `x_msgs_total{source="local"} 2`) {
		t.Fatalf("snapshot values did not move:\n%s\n%s", first, second)
	}
	if strings.Contains(second, "broken") || strings.Contains(second, "unknown") || strings.Contains(first, "go_goroutines") {
		t.Fatalf("unexpected series:\n%s", second)
	}
	if !strings.Contains(second, "# TYPE x_msgs_total counter") {
		t.Fatalf("msgs_total is not typed counter:\n%s", second)
	}
}
