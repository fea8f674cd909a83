package api

import (
	"context"
	"net/http"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/storage"
)

// metricPoint is one /api/observers/{id}/metrics entry (internal/analytics).
type metricPoint = analytics.MetricPoint

// getObserverMetrics serves one observer's metric series with server-side deltas
// and reboot detection (a cumulative counter going down).
func (s *Server) getObserverMetrics(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	q := r.URL.Query()
	res := map[string]time.Duration{"": 5 * time.Minute, "5m": 5 * time.Minute, "1h": time.Hour, "1d": 24 * time.Hour}
	step, ok := res[q.Get("resolution")]
	if !ok {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid resolution: " + q.Get("resolution") + ". Must be 5m, 1h, or 1d"})
		return
	}
	now := s.opts.Now().UTC()
	since, until := now.Add(-24*time.Hour), now.Add(time.Minute)
	if t, ok := analytics.ParseTime(q.Get("since")); ok {
		since = t
	}
	if t, ok := analytics.ParseTime(q.Get("until")); ok {
		until = t
	}
	rows, err := s.metricSamples(r.Context(), func(ctx context.Context) ([]storage.MetricSample, error) {
		return storage.ObserverMetricSamples(ctx, s.opts.DB, id, metricTime(since), metricTime(until))
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var name *string
	if obs, err := s.store.Observers(); err == nil {
		for i := range obs {
			if obs[i].ID == id {
				name = obs[i].Name
			}
		}
	}
	out, reboots := analytics.ComputeObserverMetrics(rows, step)
	writeJSON(w, http.StatusOK, analytics.ObserverMetrics{ObserverID: id, ObserverName: name, Reboots: reboots, Metrics: out})
}
