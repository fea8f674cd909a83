package api

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/corescope/corescope/internal/live"
)

// RateLimit bounds requests to expensive routes per client IP with a token bucket. The
// zero value disables it; cmd/server turns it on from config (rateLimit.*).
type RateLimit struct {
	// PerSecond is the refill rate per client; <= 0 disables limiting.
	PerSecond float64
	// Burst is the bucket size (default 6×PerSecond, at least 1).
	Burst int
	// ExemptLoopback lets clients on 127.0.0.0/8 and ::1 through unlimited (after
	// X-Forwarded-For resolution, so proxied remote clients are still limited).
	ExemptLoopback bool
	// TrustedProxies are IPs or CIDRs whose X-Forwarded-For header names the client.
	TrustedProxies []string
	// MaxClients caps the tracked addresses (default 10000) so memory stays bounded.
	MaxClients int
}

// expensivePrefixes are the routes that scan or aggregate large parts of the store.
var expensivePrefixes = []string{"/api/analytics/", "/api/nodes/bulk-health", "/api/nodes/network-status",
	"/api/packets/observations", "/api/traces/", "/api/decode", "/api/resolve-hops", "/api/channels"}

// expensive reports whether path is rate limited: the prefixes above, the packet list and
// per-node or per-observer analytics, paths, neighbours and health.
func expensive(path string) bool {
	if path == "/api/packets" {
		return true
	}
	for _, p := range expensivePrefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	if strings.HasPrefix(path, "/api/nodes/") || strings.HasPrefix(path, "/api/observers/") {
		for _, suf := range []string{"/analytics", "/paths", "/neighbors", "/health"} {
			if strings.HasSuffix(path, suf) {
				return true
			}
		}
	}
	return false
}

type bucket struct {
	tokens float64
	at     time.Time
}

// limiter is a map of token buckets keyed by client address.
type limiter struct {
	opts    RateLimit
	now     func() time.Time
	proxies *ipSet
	mu      sync.Mutex
	buckets map[string]*bucket
}

func newLimiter(o RateLimit, now func() time.Time) *limiter {
	if o.PerSecond <= 0 {
		return nil
	}
	if o.Burst <= 0 {
		o.Burst = max(1, int(math.Ceil(6*o.PerSecond)))
	}
	if o.MaxClients <= 0 {
		o.MaxClients = 10000
	}
	return &limiter{opts: o, now: now, proxies: newIPSet(o.TrustedProxies), buckets: map[string]*bucket{}}
}

// take spends one token of key's bucket; when empty it returns how long until one refills.
func (l *limiter) take(key string) (ok bool, wait time.Duration) {
	now := l.now()
	burst := float64(l.opts.Burst)
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= l.opts.MaxClients {
			l.sweep(now)
		}
		b = &bucket{tokens: burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(burst, b.tokens+now.Sub(b.at).Seconds()*l.opts.PerSecond)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.opts.PerSecond * float64(time.Second))
}

// sweep forgets buckets that have refilled completely; if every client is still active
// the map is reset, so a flood of addresses costs limits, never unbounded memory.
func (l *limiter) sweep(now time.Time) {
	full := float64(l.opts.Burst) / l.opts.PerSecond
	for k, b := range l.buckets {
		if now.Sub(b.at).Seconds() >= full {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) >= l.opts.MaxClients {
		clear(l.buckets)
	}
}

// rateLimit answers 429 with Retry-After when a client exceeds its budget on an
// expensive route or opens WebSocket connections too fast.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	l := s.ops.limiter
	if l == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !expensive(r.URL.Path) && !live.IsUpgrade(r) {
			next.ServeHTTP(w, r)
			return
		}
		ip := l.proxies.clientIP(r)
		if l.opts.ExemptLoopback && ip.IsLoopback() {
			next.ServeHTTP(w, r)
			return
		}
		ok, wait := l.take(clientKey(ip))
		if ok {
			next.ServeHTTP(w, r)
			return
		}
		if s.ops.limited != nil {
			s.ops.limited.Add(1, "expensive")
		}
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": "rate limit exceeded; retry later"})
	})
}
