package metrics

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Options configures a Registry.
type Options struct {
	// Namespace prefixes every metric name (default "corescope").
	Namespace string
	// Runtime adds the Go runtime and process collectors (go_*, process_*).
	Runtime bool
}

// DefaultOptions returns the defaults: namespace "corescope" with runtime collectors.
func DefaultOptions() Options { return Options{Namespace: "corescope", Runtime: true} }

// Registry owns one process's metric families.
type Registry struct {
	ns  string
	reg *prometheus.Registry
}

// New returns an empty Registry (plus runtime collectors when asked); it does no I/O.
func New(opts Options) *Registry {
	if opts.Namespace == "" {
		opts.Namespace = "corescope"
	}
	r := &Registry{ns: opts.Namespace, reg: prometheus.NewRegistry()}
	if opts.Runtime {
		r.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	return r
}

// Handler serves the registry in the Prometheus text (or negotiated) exposition format.
// A non-empty bearer token is required as "Authorization: Bearer <token>" (compared in
// constant time). Collection errors are reported in the response rather than failing the scrape.
func (r *Registry) Handler(bearer string) http.Handler {
	h := promhttp.HandlerFor(r.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
	if bearer == "" {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		got, found := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer ")
		if !found || subtle.ConstantTimeCompare([]byte(got), []byte(bearer)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, req)
	})
}

func (r *Registry) register(c prometheus.Collector, name string) error {
	if err := r.reg.Register(c); err != nil {
		return fmt.Errorf("register metric %s_%s: %w", r.ns, name, err)
	}
	return nil
}

// Counter is a monotonically increasing family with optional labels.
type Counter struct{ vec *prometheus.CounterVec }

// Counter registers a counter family name with the given label names.
func (r *Registry) Counter(name, help string, labels ...string) (*Counter, error) {
	v := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: r.ns, Name: name, Help: help}, labels)
	return &Counter{vec: v}, r.register(v, name)
}

// Add adds n (>= 0) to the series with the given label values; a wrong label count is ignored.
func (c *Counter) Add(n float64, labelValues ...string) {
	if m, err := c.vec.GetMetricWithLabelValues(labelValues...); err == nil && n >= 0 {
		m.Add(n)
	}
}

// Gauge is a family whose series go up and down.
type Gauge struct{ vec *prometheus.GaugeVec }

// Gauge registers a gauge family name with the given label names.
func (r *Registry) Gauge(name, help string, labels ...string) (*Gauge, error) {
	v := prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: r.ns, Name: name, Help: help}, labels)
	return &Gauge{vec: v}, r.register(v, name)
}

// Set sets the series with the given label values; a wrong label count is ignored.
func (g *Gauge) Set(v float64, labelValues ...string) {
	if m, err := g.vec.GetMetricWithLabelValues(labelValues...); err == nil {
		m.Set(v)
	}
}

// Add adds v (which may be negative) to the series with the given label values.
func (g *Gauge) Add(v float64, labelValues ...string) {
	if m, err := g.vec.GetMetricWithLabelValues(labelValues...); err == nil {
		m.Add(v)
	}
}

// Histogram is a family of bucketed observations.
type Histogram struct{ vec *prometheus.HistogramVec }

// Histogram registers a histogram family; nil buckets mean DurationBuckets.
func (r *Registry) Histogram(name, help string, buckets []float64, labels ...string) (*Histogram, error) {
	if buckets == nil {
		buckets = DurationBuckets()
	}
	v := prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: r.ns, Name: name, Help: help, Buckets: buckets}, labels)
	return &Histogram{vec: v}, r.register(v, name)
}

// Observe records v in the series with the given label values; a wrong label count is ignored.
func (h *Histogram) Observe(v float64, labelValues ...string) {
	if m, err := h.vec.GetMetricWithLabelValues(labelValues...); err == nil {
		m.Observe(v)
	}
}

// DurationBuckets are latency buckets in seconds from 0.5 ms to 30 s.
func DurationBuckets() []float64 {
	return []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}
}
