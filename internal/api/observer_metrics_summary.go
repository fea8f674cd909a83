package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/storage"
	"github.com/corescope/corescope/internal/store"
)

// metricSummary is one /api/observers/metrics/summary row (internal/analytics).
type metricSummary = analytics.MetricSummary

// parseMetricWindow accepts a Go duration ("24h") or "<n>d".
func parseMetricWindow(v string) (time.Duration, bool) {
	if v == "" {
		return 24 * time.Hour, true
	}
	if n, ok := strings.CutSuffix(v, "d"); ok {
		d, err := strconv.Atoi(n)
		return time.Duration(d) * 24 * time.Hour, err == nil && d > 0 && d <= 3650
	}
	d, err := time.ParseDuration(v)
	return d, err == nil && d > 0
}

// getObserverMetricsSummary summarises every observer's noise floor and battery over
// ?window= (api.md §3.7 #65; internal/analytics), worst (highest max noise floor) first.
func (s *Server) getObserverMetricsSummary(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	win, ok := parseMetricWindow(q.Get("window"))
	if !ok {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid window: " + q.Get("window")})
		return
	}
	now := s.opts.Now().UTC()
	since := now.Add(-win)
	rows, err := s.metricSamples(r.Context(), func(ctx context.Context) ([]storage.MetricSample, error) {
		return storage.MetricSamplesSince(ctx, s.opts.DB, metricTime(since))
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	obs, err := s.store.Observers()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	observers := make([]store.Observer, len(obs))
	for i, o := range obs {
		observers[i] = store.Observer(o)
	}
	q2 := analytics.SummaryQuery{Since: since, Window: win, Region: q.Get("region")}
	writeJSON(w, http.StatusOK, analytics.ComputeMetricsSummary(s.analyticsSource(r.Context()), rows, observers, q2))
}
