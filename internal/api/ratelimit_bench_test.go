package api

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/metrics"
)

// BenchmarkLimiter_Take measures one token-bucket decision across 1000 client keys
// from parallel goroutines (goal: well under 1 µs, negligible next to any expensive route).
func BenchmarkLimiter_Take(b *testing.B) {
	l := newLimiter(RateLimit{PerSecond: 1e9, Burst: 1 << 30}, time.Now)
	keys := make([]string, 1000)
	for i := range keys {
		keys[i] = "10.0." + strconv.Itoa(i/256) + "." + strconv.Itoa(i%256)
	}
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			l.take(keys[i%len(keys)])
			i++
		}
	})
}

// BenchmarkOpsMiddleware measures what the operability layer adds per request: the rate
// limit decision plus one latency-histogram observation (goal: a few µs at most).
func BenchmarkOpsMiddleware(b *testing.B) {
	s := New(Options{Ops: Ops{Metrics: metrics.New(metrics.Options{}), RateLimit: RateLimit{PerSecond: 1e9, Burst: 1 << 30}}})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/analytics/rf", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
	h := s.rateLimit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		s.observeRequest(r, 204, 0.001)
	}))
	req := httptest.NewRequest("GET", "/api/analytics/rf", nil)
	req.RemoteAddr = "198.51.100.9:1234"
	w := httptest.NewRecorder()
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(w, req)
	}
}
