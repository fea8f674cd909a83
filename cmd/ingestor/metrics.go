package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/corescope/corescope/internal/config"
	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/ingesthttp"
	"github.com/corescope/corescope/internal/metrics"
	"github.com/corescope/corescope/internal/mqttsource"
)

// metricsServer is the ingestor's own /metrics listener. The ingest pipeline never
// depends on it: a listen failure is logged and ingest carries on.
type metricsServer struct {
	reg  *metrics.Registry
	wait *metrics.Histogram
	hold *metrics.Histogram
	srv  *http.Server
	addr string
}

// newMetrics builds the registry and the writer histograms; it does no I/O. Pass
// observeWriter as ingest.Options.OnWriterPerf.
func newMetrics() (*metricsServer, error) {
	m := &metricsServer{reg: metrics.New(metrics.DefaultOptions())}
	var err error
	buckets := []float64{.0001, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}
	if m.wait, err = m.reg.Histogram("ingest_writer_wait_seconds", "Time a write job waited for the single writer (queued to start).", buckets, "component"); err != nil {
		return nil, err
	}
	if m.hold, err = m.reg.Histogram("ingest_writer_hold_seconds", "Time the writer was held by one job (a commit or maintenance step).", buckets, "component"); err != nil {
		return nil, err
	}
	return m, nil
}

// observeWriter records one writer wait/hold sample.
func (m *metricsServer) observeWriter(comp string, wait, hold time.Duration) {
	m.wait.Observe(wait.Seconds(), comp)
	m.hold.Observe(hold.Seconds(), comp)
}

// watch registers the scrape-time families read from the ingester and the MQTT group.
func (m *metricsServer) watch(in *ingest.Ingester, g *mqttsource.Group, now func() time.Time) error {
	return m.reg.Snapshot(ingestorFamilies(), func(emit metrics.Emit) { collectIngestor(emit, in, g, now()) })
}

// open starts serving GET /metrics on addr ("" disables), or on a free port of the same
// host when addr's port is taken. bearer protects it when set.
func (m *metricsServer) open(addr, bearer string, log *slog.Logger) {
	if addr == "" {
		return
	}
	ln, busy, err := ingesthttp.ListenOrFree(addr)
	if err != nil {
		log.Error("metrics listener not started; ingest continues without /metrics", "addr", addr, "err", err)
		return
	}
	if busy {
		log.Warn("metrics port busy; serving /metrics on a free port instead (announced in the stats file)",
			"wanted", addr, "addr", ln.Addr().String())
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.reg.Handler(bearer))
	m.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second}
	m.addr = ln.Addr().String()
	go func() {
		if err := m.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics listener", "err", err)
		}
	}()
}

// close stops the listener.
func (m *metricsServer) close(ctx context.Context) {
	if m.srv != nil {
		m.srv.Shutdown(ctx)
	}
}

// start registers the snapshot families and opens the listener from the prometheus.* keys.
func (m *metricsServer) start(cfg *config.Config, in *ingest.Ingester, g *mqttsource.Group, log *slog.Logger) {
	log = log.With("component", "metrics")
	if err := m.watch(in, g, time.Now); err != nil {
		log.Error("register ingest metrics", "err", err)
	}
	if cfg.Prometheus.MetricsEnabled() {
		m.open(cfg.Prometheus.IngestorListen, cfg.Prometheus.Token, log)
	}
}
