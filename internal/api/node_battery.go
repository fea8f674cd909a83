package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Battery thresholds (millivolts) for /api/nodes/{pubkey}/battery.
const (
	batteryLowMv      = 3300
	batteryCriticalMv = 3000
)

type batterySample struct {
	Timestamp string `json:"timestamp"`
	BatteryMv int64  `json:"battery_mv"`
}

// batteryStatus grades the latest reading.
func batteryStatus(latest *int64) string {
	switch {
	case latest == nil:
		return "unknown"
	case *latest < batteryCriticalMv:
		return "critical"
	case *latest < batteryLowMv:
		return "low"
	}
	return "ok"
}

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
	rows, err := s.metricRows(r.Context(), "lower(observer_id) = ? AND timestamp >= ? AND battery_mv IS NOT NULL", pk, metricTime(since))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	samples := make([]batterySample, 0, len(rows))
	for _, m := range rows {
		samples = append(samples, batterySample{Timestamp: m.Timestamp, BatteryMv: *m.BatteryMv})
	}
	out := map[string]any{"public_key": pk, "days": days, "samples": samples, "latest_mv": nil, "latest_ts": nil,
		"thresholds": map[string]int{"low_mv": batteryLowMv, "critical_mv": batteryCriticalMv}}
	var latest *int64
	if n := len(samples); n > 0 {
		latest = &samples[n-1].BatteryMv
		out["latest_mv"], out["latest_ts"] = *latest, samples[n-1].Timestamp
	}
	out["status"] = batteryStatus(latest)
	writeJSON(w, http.StatusOK, out)
}
