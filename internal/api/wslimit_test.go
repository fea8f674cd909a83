package api

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/metrics"
	"github.com/gorilla/websocket"
)

// wsDial opens /ws on f as the client named by xff (empty: the loopback peer itself).
func wsDial(t *testing.T, f *fixture, xff, origin string) (*websocket.Conn, *http.Response, error) {
	t.Helper()
	hdr := http.Header{}
	if xff != "" {
		hdr.Set("X-Forwarded-For", xff)
	}
	if origin != "" {
		hdr.Set("Origin", origin)
	}
	return websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(f.srv.URL, "http")+"/ws", hdr)
}

// wsOpen dials n connections that must all succeed.
func wsOpen(t *testing.T, f *fixture, xff string, n int) []*websocket.Conn {
	t.Helper()
	var out []*websocket.Conn
	for i := range n {
		c, resp, err := wsDial(t, f, xff, "")
		if err != nil {
			t.Fatalf("%s connection %d of %d: %v (status %v)", xff, i+1, n, err, statusOf(resp))
		}
		t.Cleanup(func() { c.Close() })
		out = append(out, c)
	}
	return out
}

// wsRefused asserts the next upgrade from xff is answered 429 with Retry-After before upgrading.
func wsRefused(t *testing.T, f *fixture, xff string) {
	t.Helper()
	c, resp, err := wsDial(t, f, xff, "")
	if err == nil {
		c.Close()
		t.Fatalf("%s: upgrade over the cap succeeded, want 429", xff)
	}
	if resp == nil || resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "5" ||
		resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%s over the cap: got %v %v, want 429 JSON with Retry-After 5", xff, statusOf(resp), err)
	}
}

func statusOf(resp *http.Response) any {
	if resp == nil {
		return "no response"
	}
	return resp.StatusCode
}

// waitSlots polls until key holds n WebSocket slots (the server has seen the closes).
func waitSlots(t *testing.T, f *fixture, key string, n int) {
	t.Helper()
	ws := f.api.ops.wsSlots
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		ws.mu.Lock()
		got := ws.open[key]
		ws.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("slots of %s: got %d, want %d", key, got, n)
		}
	}
}

// TestWSCap_PerClientBehindProxy: a client behind the trusted loopback proxy may hold
// websocket.maxPerClient (3) connections; the 4th gets 429 + Retry-After before any
// upgrade, other clients are unaffected, and closing one frees exactly one slot.
func TestWSCap_PerClientBehindProxy(t *testing.T) {
	reg := metrics.New(metrics.Options{})
	f := newFixture(t, func(o *Options) {
		o.Ops.Metrics = reg
		o.Ops.WSMaxPerClient = 3
		o.Ops.RateLimit = RateLimit{ExemptLoopback: true, TrustedProxies: []string{"127.0.0.1"}} // no token bucket
	})
	const alice, bob = "203.0.113.7", "198.51.100.9"
	conns := wsOpen(t, f, alice, 3)
	wsRefused(t, f, alice)
	wsOpen(t, f, bob, 3) // a different address has its own slots
	wsRefused(t, f, bob)

	conns[0].Close()
	waitSlots(t, f, alice, 2)
	wsOpen(t, f, alice, 1)
	wsRefused(t, f, alice)

	m := f.scrape(t, map[string]string{"X-API-Key": testKey})
	if v, _ := seriesValue(m, `corescope_http_rate_limited_total{route="websocket"}`); v != 3 {
		t.Fatalf(`http_rate_limited_total{route="websocket"} = %v, want 3`, v)
	}
	// The upgrade also answers on non-API paths (serveRoot); the cap applies there too.
	hdr := http.Header{"X-Forwarded-For": {alice}}
	if _, resp, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(f.srv.URL, "http")+"/live", hdr); err == nil ||
		resp == nil || resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("upgrade on /live over the cap: %v %v, want 429", statusOf(resp), err)
	}
}

// TestWSCap_SlotsDoNotLeak opens and closes the full allowance five times, mixed with
// upgrades refused for a foreign Origin (403 after the slot was taken): every slot comes
// back, and the per-address map ends empty.
func TestWSCap_SlotsDoNotLeak(t *testing.T) {
	f := newFixture(t, func(o *Options) {
		o.Ops.WSMaxPerClient = 4
		o.Ops.RateLimit = RateLimit{TrustedProxies: []string{"127.0.0.1"}}
	})
	const addr = "192.0.2.44"
	for round := range 5 {
		for range 3 {
			if _, resp, err := wsDial(t, f, addr, "http://evil.example"); err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
				t.Fatalf("round %d: foreign origin: %v %v, want 403", round, statusOf(resp), err)
			}
		}
		conns := wsOpen(t, f, addr, 4)
		wsRefused(t, f, addr)
		for _, c := range conns {
			c.Close()
		}
		waitSlots(t, f, addr, 0)
	}
	f.api.ops.wsSlots.mu.Lock()
	left := len(f.api.ops.wsSlots.open)
	f.api.ops.wsSlots.mu.Unlock()
	if left != 0 {
		t.Fatalf("per-address map holds %d entries after every connection closed, want 0", left)
	}
}

// TestWSCap_Loopback: loopback clients follow the rate limiter's exemption: exempt when it
// is on (local tools), capped like anyone else when it is off.
func TestWSCap_Loopback(t *testing.T) {
	f := newFixture(t, func(o *Options) {
		o.Ops.WSMaxPerClient = 2
		o.Ops.RateLimit = RateLimit{ExemptLoopback: true}
	})
	wsOpen(t, f, "", 5)

	f = newFixture(t, func(o *Options) {
		o.Ops.WSMaxPerClient = 2
		o.Ops.RateLimit = RateLimit{ExemptLoopback: false}
	})
	wsOpen(t, f, "", 2)
	wsRefused(t, f, "")
}
