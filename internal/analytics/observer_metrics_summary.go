package analytics

import (
	"sort"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/store"
)

// sparkPoints is the length of each observer's noise-floor sparkline.
const sparkPoints = 24

// MetricSummary is one /api/observers/metrics/summary row (api.md §3.7 #65).
type MetricSummary struct {
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

// MetricsSummary is the summary answer.
type MetricsSummary struct {
	Observers []MetricSummary `json:"observers"`
}

// SummaryQuery is the window [Since, Since+Window] and an optional IATA region.
type SummaryQuery struct {
	Since  time.Time
	Window time.Duration
	Region string
}

// ComputeMetricsSummary summarises every visible observer's noise floor and battery
// over the samples (oldest first), worst (highest max noise floor) first; observers
// name them and give their IATA for the region filter.
func ComputeMetricsSummary(src Source, rows []MetricSample, observers []store.Observer, q SummaryQuery) MetricsSummary {
	meta := map[string]*store.Observer{}
	for i := range observers {
		meta[observers[i].ID] = &observers[i]
	}
	region := strings.ToUpper(strings.TrimSpace(q.Region))
	by := map[string]*MetricSummary{}
	sums := map[string][2]float64{}
	spark := map[string][][2]float64{}
	step := q.Window / sparkPoints
	for _, m := range rows {
		o := meta[m.ObserverID]
		if src.HiddenObserver(m.ObserverID) || (region != "" && (o == nil || !strings.EqualFold(deref(o.IATA), region))) {
			continue
		}
		ms := by[m.ObserverID]
		if ms == nil {
			ms = &MetricSummary{ObserverID: m.ObserverID, Sparkline: make([]*float64, sparkPoints)}
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
		if i := int(m.At.Sub(q.Since) / step); i >= 0 && i < sparkPoints {
			spark[m.ObserverID][i][0] += v
			spark[m.ObserverID][i][1]++
		}
	}
	out := []MetricSummary{}
	for id, ms := range by {
		if sm := sums[id]; sm[1] > 0 {
			a := Round2(sm[0] / sm[1])
			ms.AvgNoiseFloor24h = &a
		}
		for i, c := range spark[id] {
			if c[1] > 0 {
				v := Round2(c[0] / c[1])
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
	return MetricsSummary{Observers: out}
}
