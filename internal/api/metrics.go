package api

import (
	"net/http"
	"strings"

	"github.com/corescope/corescope/internal/metrics"
	"github.com/corescope/corescope/internal/statsfile"
)

// Ops configures the operability and hostile-input features: Prometheus metrics, per-IP
// rate limits on expensive routes and the ingestor liveness checks of /api/healthz.
type Ops struct {
	// Metrics is the process registry served at GET /metrics; nil disables the endpoint.
	Metrics *metrics.Registry
	// MetricsToken, when set, is accepted as "Authorization: Bearer <token>" on /metrics (as is the API key).
	MetricsToken string
	// PublicMetrics serves /metrics without a token or key (operator.publicMetrics).
	PublicMetrics bool
	// PublicPerf serves the GET /api/perf family and /api/mqtt/status without the API key
	// (operator.publicPerf).
	PublicPerf bool
	// RateLimit bounds expensive requests per client IP. Its TrustedProxies and
	// ExemptLoopback also decide who a WebSocket client is for WSMaxPerClient.
	RateLimit RateLimit
	// WSMaxPerClient caps concurrent WebSocket connections per client address
	// (websocket.maxPerClient); <= 0 means no cap.
	WSMaxPerClient int
	// Health sets when /api/healthz reports the ingestor unhealthy.
	Health IngestHealth
}

// opsState is the Server's share of Ops: live metric families and the rate limiter.
type opsState struct {
	reqDur  *metrics.Histogram
	limited *metrics.Counter
	limiter *limiter
	wsSlots *wsSlots
	// progress tracks ingest commits across stats reads (metrics_health.go).
	progress statsfile.WriterProgress
	// trust logs a refused (untrusted) stats file once (ingest_trust.go).
	trust statsTrustLog
	// heartbeatErr logs a failed heartbeat read once (ingest_liveness.go).
	heartbeatErr onceLog
}

func (s *Server) initOps() {
	s.ops = &opsState{limiter: newLimiter(s.opts.Ops.RateLimit, s.opts.Now),
		wsSlots: newWSSlots(s.opts.Ops.WSMaxPerClient, s.opts.Ops.RateLimit)}
	if r := s.opts.Ops.Metrics; r != nil {
		if err := s.registerMetrics(r); err != nil {
			s.log.Error("register metrics", "err", err)
		}
	}
}

// routeOps adds GET /metrics to mux when a registry is configured; it is operator-only unless
// PublicMetrics (then prometheus.token alone, when set, still guards it).
func (s *Server) routeOps(mux *http.ServeMux) {
	reg := s.opts.Ops.Metrics
	if reg == nil {
		return
	}
	o := s.opts.Ops
	if o.PublicMetrics {
		mux.Handle("GET /metrics", reg.Handler(o.MetricsToken))
		return
	}
	mux.Handle("GET /metrics", s.operatorOnly(s.newOperatorGate(false, "operator.publicMetrics", o.MetricsToken), reg.Handler("")))
}

func (s *Server) registerMetrics(r *metrics.Registry) error {
	var err error
	if s.ops.reqDur, err = r.Histogram("http_request_duration_seconds",
		"API request latency by route pattern, method and status class.", nil, "route", "method", "code"); err != nil {
		return err
	}
	if s.ops.limited, err = r.Counter("http_rate_limited_total", "Requests refused with 429 by the per-IP rate limit.", "route"); err != nil {
		return err
	}
	return r.Snapshot(serverFamilies(), s.collectServer)
}

// observeRequest records one /api request in the latency histogram. Unmatched paths share
// one label so hostile URLs cannot grow the series count.
func (s *Server) observeRequest(r *http.Request, code int, seconds float64) {
	if s.ops.reqDur == nil {
		return
	}
	s.ops.reqDur.Observe(seconds, routeLabel(r), r.Method, statusClass(code))
}

func routeLabel(r *http.Request) string {
	_, p, ok := strings.Cut(r.Pattern, " ")
	if !ok {
		p = r.Pattern
	}
	if p == "" || p == "/api/" || p == "/api" || p == "/" {
		return "unmatched"
	}
	return p
}

func statusClass(code int) string {
	if code < 100 || code > 599 {
		return "other"
	}
	return string(rune('0'+code/100)) + "xx"
}
