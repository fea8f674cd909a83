package api

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// sparkPoints is the length of each observer's noise-floor sparkline.
const sparkPoints = 24

// metricSummary is one /api/observers/metrics/summary row (api.md §3.7 #65).
type metricSummary struct {
	ObserverID        string     `json:"observer_id"`
	ObserverName      *string    `json:"observer_name"`
	IATA              *string    `json:"iata,omitempty"`
	CurrentNoiseFloor *float64   `json:"current_noise_floor"`
	AvgNoiseFloor24h  *float64   `json:"avg_noise_floor_24h"`
	MaxNoiseFloor24h  *float64   `json:"max_noise_floor_24h"`
	BatteryMv         *int64     `json:"battery_mv"`
	SampleCount       int        `json:"sample_count"`
	Sparkline         []*float64 `json:"sparkline"`
}

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
// ?window= (api.md §3.7 #65), worst (highest max noise floor) first.
func (s *Server) getObserverMetricsSummary(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	win, ok := parseMetricWindow(q.Get("window"))
	if !ok {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid window: " + q.Get("window")})
		return
	}
	now := s.opts.Now().UTC()
	since := now.Add(-win)
	rows, err := s.metricRows(r.Context(), "timestamp >= ?", metricTime(since))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	obs, err := s.store.Observers()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	meta := map[string]*ObserverRow{}
	for i := range obs {
		meta[obs[i].ID] = &obs[i]
	}
	region := strings.ToUpper(strings.TrimSpace(q.Get("region")))
	by := map[string]*metricSummary{}
	sums := map[string][2]float64{}
	spark := map[string][][2]float64{}
	step := win / sparkPoints
	for _, m := range rows {
		o := meta[m.ObserverID]
		if s.hide.observer(m.ObserverID) || (region != "" && (o == nil || !strings.EqualFold(deref(o.IATA), region))) {
			continue
		}
		ms := by[m.ObserverID]
		if ms == nil {
			ms = &metricSummary{ObserverID: m.ObserverID, Sparkline: make([]*float64, sparkPoints)}
			if o != nil {
				ms.ObserverName, ms.IATA = o.Name, o.IATA
			}
			by[m.ObserverID] = ms
			spark[m.ObserverID] = make([][2]float64, sparkPoints)
		}
		ms.SampleCount++
		if m.BatteryMv != nil {
			ms.BatteryMv = m.BatteryMv
		}
		if m.Noise == nil {
			continue
		}
		v := *m.Noise
		ms.CurrentNoiseFloor = &v
		if ms.MaxNoiseFloor24h == nil || v > *ms.MaxNoiseFloor24h {
			ms.MaxNoiseFloor24h = &v
		}
		sm := sums[m.ObserverID]
		sums[m.ObserverID] = [2]float64{sm[0] + v, sm[1] + 1}
		if i := int(m.At.Sub(since) / step); i >= 0 && i < sparkPoints {
			spark[m.ObserverID][i][0] += v
			spark[m.ObserverID][i][1]++
		}
	}
	out := []metricSummary{}
	for id, ms := range by {
		if sm := sums[id]; sm[1] > 0 {
			a := round2(sm[0] / sm[1])
			ms.AvgNoiseFloor24h = &a
		}
		for i, c := range spark[id] {
			if c[1] > 0 {
				v := round2(c[0] / c[1])
				ms.Sparkline[i] = &v
			}
		}
		out = append(out, *ms)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].MaxNoiseFloor24h, out[j].MaxNoiseFloor24h
		if (a == nil) != (b == nil) {
			return a != nil
		}
		if a != nil && *a != *b {
			return *a > *b
		}
		return out[i].ObserverID < out[j].ObserverID
	})
	writeJSON(w, http.StatusOK, map[string]any{"observers": out})
}
