package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/storage"
)

// batterySample is one battery reading (internal/analytics).
type batterySample = analytics.BatterySample

// getNodeBattery serves a node's battery series from observer_metrics, where a node
// that is also an observer reports its battery (api.md §3.4 #37). days outside 1–365
// fall back to 7.
func (s *Server) getNodeBattery(w http.ResponseWriter, r *http.Request) {
	pk := strings.ToLower(r.PathValue("pubkey"))
	days, err := strconv.Atoi(r.URL.Query().Get("days"))
	if err != nil || days < 1 || days > 365 {
		days = 7
	}
	known := false
	if nodes, err := s.store.Nodes(); err == nil {
		for i := range nodes {
			known = known || strings.EqualFold(nodes[i].PublicKey, pk)
		}
	}
	if obs, err := s.store.Observers(); err == nil && !known {
		for i := range obs {
			known = known || strings.EqualFold(obs[i].ID, pk)
		}
	}
	if !known || pk == "" {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "node not found"})
		return
	}
	since := s.opts.Now().UTC().Add(-time.Duration(days) * 24 * time.Hour)
	rows, err := s.metricSamples(r.Context(), func(ctx context.Context) ([]storage.MetricSample, error) {
		return storage.BatterySamples(ctx, s.opts.DB, pk, metricTime(since))
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, analytics.ComputeNodeBattery(pk, days, rows))
}
