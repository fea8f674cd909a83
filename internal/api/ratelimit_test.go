package api

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/metrics"
	"github.com/gorilla/websocket"
)

func TestLimiter_TokenBucket(t *testing.T) {
	now := time.Unix(1000, 0)
	l := newLimiter(RateLimit{PerSecond: 2, Burst: 3}, func() time.Time { return now })
	for i := range 3 {
		if ok, _ := l.take("a"); !ok {
			t.Fatalf("request %d within burst refused", i)
		}
	}
	ok, wait := l.take("a")
	if ok || wait <= 0 || wait > 500*time.Millisecond {
		t.Fatalf("over burst: got ok=%v wait=%v, want refused with wait <= 0.5s", ok, wait)
	}
	if ok, _ := l.take("b"); !ok {
		t.Fatalf("another client shares a's bucket")
	}
	now = now.Add(500 * time.Millisecond)
	if ok, _ := l.take("a"); !ok {
		t.Fatalf("one token should have refilled after 0.5s at 2/s")
	}
	if newLimiter(RateLimit{}, time.Now) != nil {
		t.Fatalf("zero RateLimit must disable limiting")
	}
}

func TestLimiter_BoundedMemory(t *testing.T) {
	l := newLimiter(RateLimit{PerSecond: 1, Burst: 5, MaxClients: 50}, time.Now)
	for i := range 10000 {
		l.take("10.0." + strconv.Itoa(i/256) + "." + strconv.Itoa(i%256))
	}
	if n := len(l.buckets); n > 50 {
		t.Fatalf("tracked %d clients, want <= 50", n)
	}
}

func TestClientIP_TrustedProxies(t *testing.T) {
	s := newIPSet([]string{"127.0.0.1", "10.1.0.0/16", "bogus"})
	cases := []struct {
		remote, xff, want string
	}{
		{"203.0.113.5:4000", "198.51.100.1", "203.0.113.5"},                   // untrusted peer: XFF ignored
		{"127.0.0.1:4000", "198.51.100.1", "198.51.100.1"},                    // trusted proxy
		{"127.0.0.1:4000", "1.1.1.1, 198.51.100.1, 10.1.2.3", "198.51.100.1"}, // right-most untrusted
		{"127.0.0.1:4000", "", "127.0.0.1"},
		{"127.0.0.1:4000", "not-an-ip", "127.0.0.1"},
		{"[::ffff:203.0.113.9]:80", "", "203.0.113.9"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/api/packets", nil)
		r.RemoteAddr = c.remote
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := s.clientIP(r); got.String() != c.want {
			t.Errorf("remote %s xff %q: got %s, want %s", c.remote, c.xff, got, c.want)
		}
	}
	a := clientKey(netip.MustParseAddr("2001:db8:1:2:3:4:5:6"))
	b := clientKey(netip.MustParseAddr("2001:db8:1:2:ffff::1"))
	if a != b {
		t.Errorf("IPv6 addresses of one /64 got different keys %s, %s", a, b)
	}
}

func TestExpensive_Routes(t *testing.T) {
	for p, want := range map[string]bool{"/api/analytics/rf": true, "/api/packets": true, "/api/packets/abc": false,
		"/api/nodes/abc/paths": true, "/api/nodes/abc": false, "/api/observers/x/analytics": true, "/api/stats": false,
		"/api/healthz": false, "/api/decode": true} {
		if got := expensive(p); got != want {
			t.Errorf("expensive(%s) = %v, want %v", p, got, want)
		}
	}
}

func TestRateLimit_HTTP429(t *testing.T) {
	reg := metrics.New(metrics.Options{})
	f := newFixture(t, func(o *Options) {
		o.Ops.Metrics = reg
		o.Ops.RateLimit = RateLimit{PerSecond: 0.01, Burst: 2} // one token per 100 s: no refill during the test
	})
	for i := range 2 {
		if code, _, _ := f.do(t, http.MethodGet, "/api/analytics/hash-sizes", "", nil); code != 200 {
			t.Fatalf("request %d within burst: %d", i, code)
		}
	}
	code, hdr, body := f.do(t, http.MethodGet, "/api/analytics/hash-sizes", "", nil)
	if code != http.StatusTooManyRequests {
		t.Fatalf("over the limit: got %d, want 429", code)
	}
	if ra, err := strconv.Atoi(hdr.Get("Retry-After")); err != nil || ra < 50 || ra > 100 {
		t.Fatalf("Retry-After = %q, want the ~100 s until the next token", hdr.Get("Retry-After"))
	}
	if string(body) == "" || hdr.Get("Content-Type") != "application/json" {
		t.Fatalf("429 body: %q %q", body, hdr.Get("Content-Type"))
	}
	for range 5 { // cheap routes are never limited
		if code, _, _ := f.do(t, http.MethodGet, "/api/stats", "", nil); code != 200 {
			t.Fatalf("cheap route limited: %d", code)
		}
	}
	m := f.scrape(t, map[string]string{"X-API-Key": testKey})
	if v, _ := seriesValue(m, `corescope_http_rate_limited_total{route="expensive"}`); v != 1 {
		t.Fatalf("rate_limited_total = %v, want 1", v)
	}
	if v, _ := seriesValue(m, `corescope_http_request_duration_seconds_count{code="4xx",method="GET",route="unmatched"}`); v != 1 {
		t.Fatalf("the 429 is not in the latency histogram: %v", v)
	}
}

func TestRateLimit_ExemptLoopback(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.Ops.RateLimit = RateLimit{PerSecond: 0.01, Burst: 1, ExemptLoopback: true} })
	for i := range 4 {
		if code, _, _ := f.do(t, http.MethodGet, "/api/analytics/hash-sizes", "", nil); code != 200 {
			t.Fatalf("loopback request %d: %d, want 200", i, code)
		}
	}
	// Behind a trusted loopback proxy the forwarded client is limited as usual.
	f = newFixture(t, func(o *Options) {
		o.Ops.RateLimit = RateLimit{PerSecond: 0.01, Burst: 1, ExemptLoopback: true, TrustedProxies: []string{"127.0.0.1"}}
	})
	hdr := map[string]string{"X-Forwarded-For": "198.51.100.7"}
	f.do(t, http.MethodGet, "/api/analytics/hash-sizes", "", hdr)
	if code, _, _ := f.do(t, http.MethodGet, "/api/analytics/hash-sizes", "", hdr); code != http.StatusTooManyRequests {
		t.Fatalf("proxied client: got %d, want 429", code)
	}
}

func TestRateLimit_WebSocketUpgrades(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.Ops.RateLimit = RateLimit{PerSecond: 0.01, Burst: 2} })
	url := "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"
	for i := range 2 {
		c, _, err := websocket.DefaultDialer.Dial(url, nil)
		if err != nil {
			t.Fatalf("upgrade %d within burst: %v", i, err)
		}
		defer c.Close()
	}
	_, resp, err := websocket.DefaultDialer.Dial(url, nil)
	if err == nil || resp == nil || resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("third upgrade: err=%v resp=%v, want 429 with Retry-After", err, resp)
	}
}
