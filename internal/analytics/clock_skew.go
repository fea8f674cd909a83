package analytics

import (
	"encoding/json"
	"math"
	"sort"
	"strings"
)

// NodeClockSkew is one node's advert clock versus the observers' receive clocks
// (api.md §3.4 #39). Skew = advert timestamp − corrected observation time, in seconds;
// positive means the node's clock is ahead.
type NodeClockSkew struct {
	Pubkey               string           `json:"pubkey"`
	MeanSkewSec          float64          `json:"meanSkewSec"`
	MedianSkewSec        float64          `json:"medianSkewSec"`
	LastSkewSec          float64          `json:"lastSkewSec"`
	RecentMedianSkewSec  float64          `json:"recentMedianSkewSec"`
	DriftPerDaySec       float64          `json:"driftPerDaySec"`
	Severity             string           `json:"severity"`
	SampleCount          int              `json:"sampleCount"`
	Calibrated           bool             `json:"calibrated"`
	LastAdvertTS         int64            `json:"lastAdvertTS"`
	LastObservedTS       int64            `json:"lastObservedTS"`
	Samples              []skewPoint      `json:"samples,omitempty"`
	GoodFraction         float64          `json:"goodFraction"`
	RecentBadSampleCount int              `json:"recentBadSampleCount"`
	RecentBadSamples     []badSample      `json:"recentBadSamples,omitempty"`
	RecentSampleCount    int              `json:"recentSampleCount"`
	RecentHashEvidence   []hashEvidence   `json:"recentHashEvidence,omitempty"`
	CalibrationSummary   *calibrationStat `json:"calibrationSummary,omitempty"`
	NodeName             *string          `json:"nodeName,omitempty"`
	NodeRole             *string          `json:"nodeRole,omitempty"`
}

type skewPoint struct {
	TS   int64   `json:"ts"`
	Skew float64 `json:"skew"`
}

type badSample struct {
	Hash     string  `json:"hash"`
	AdvertTS int64   `json:"advertTS"`
	SkewSec  float64 `json:"skewSec"`
}

type hashEvidence struct {
	Hash                   string        `json:"hash"`
	Observers              []obsEvidence `json:"observers"`
	MedianCorrectedSkewSec float64       `json:"medianCorrectedSkewSec"`
	Timestamp              int64         `json:"timestamp"`
}

type obsEvidence struct {
	ObserverID        string  `json:"observerID"`
	ObserverName      string  `json:"observerName"`
	RawSkewSec        float64 `json:"rawSkewSec"`
	CorrectedSkewSec  float64 `json:"correctedSkewSec"`
	ObserverOffsetSec float64 `json:"observerOffsetSec"`
	Calibrated        bool    `json:"calibrated"`
}

type calibrationStat struct {
	TotalSamples        int `json:"totalSamples"`
	CalibratedSamples   int `json:"calibratedSamples"`
	UncalibratedSamples int `json:"uncalibratedSamples"`
}

// ObserverOffset is one observer's receive-clock offset (api.md §3.7 #40): the median
// of (its receive time − the median receive time of the same packet across observers)
// over packets heard by at least two observers. Positive means the observer is ahead.
type ObserverOffset struct {
	ObserverID string  `json:"observerID"`
	OffsetSec  float64 `json:"offsetSec"`
	Samples    int     `json:"samples"`
}

// Skew bands (seconds).
const (
	skewWarn     = 5 * 60
	skewCritical = 3600
	skewAbsurd   = 30 * 86400
	skewNoClock  = 365 * 86400
	// recentSamples is how many newest samples make up "recent".
	recentSamples = 10
)

// SkewSeverity classifies an absolute skew (ok <5 min, warning <1 h, critical <30 d,
// absurd <365 d, no_clock beyond).
func SkewSeverity(sec float64) string {
	a := math.Abs(sec)
	switch {
	case a < skewWarn:
		return "ok"
	case a < skewCritical:
		return "warning"
	case a < skewAbsurd:
		return "critical"
	case a < skewNoClock:
		return "absurd"
	}
	return "no_clock"
}

// advertTimestamp reads the originator pubkey and the advert's unix timestamp.
func advertTimestamp(decoded *string) (string, int64, bool) {
	if decoded == nil {
		return "", 0, false
	}
	var d struct {
		PubKey    string `json:"pubKey"`
		Timestamp int64  `json:"timestamp"`
	}
	if json.Unmarshal([]byte(*decoded), &d) != nil || d.PubKey == "" || d.Timestamp <= 0 {
		return "", 0, false
	}
	return strings.ToLower(d.PubKey), d.Timestamp, true
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	c := append([]float64(nil), v...)
	sort.Float64s(c)
	if len(c)%2 == 1 {
		return c[len(c)/2]
	}
	return (c[len(c)/2-1] + c[len(c)/2]) / 2
}

// slopePerDay fits skew = a + b·t by least squares and returns b in seconds per day.
func slopePerDay(pts []skewPoint) float64 {
	if len(pts) < 2 {
		return 0
	}
	var mt, ms float64
	for _, p := range pts {
		mt += float64(p.TS)
		ms += p.Skew
	}
	mt /= float64(len(pts))
	ms /= float64(len(pts))
	var num, den float64
	for _, p := range pts {
		num += (float64(p.TS) - mt) * (p.Skew - ms)
		den += (float64(p.TS) - mt) * (float64(p.TS) - mt)
	}
	if den == 0 {
		return 0
	}
	return Round2(num / den * 86400)
}

// Node returns one node's full clock-skew record.
func (m *ClockModel) Node(pubkey string) (*NodeClockSkew, bool) {
	n, ok := m.nodes[strings.ToLower(pubkey)]
	return n, ok
}

// NodesClockSkew lists every node's clock skew without the per-sample detail (api.md
// §3.4 #38), worst first; a non-nil area keeps nodes whose own GPS lies inside it.
func NodesClockSkew(m *ClockModel, area *Area) []NodeClockSkew {
	out := []NodeClockSkew{}
	for _, n := range m.nodes {
		if area != nil && (m.rows[n.Pubkey] == nil || !area.Contains(m.rows[n.Pubkey].Lat, m.rows[n.Pubkey].Lon)) {
			continue
		}
		c := *n
		c.Samples, c.RecentHashEvidence, c.CalibrationSummary, c.RecentBadSamples = nil, nil, nil, nil
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		ai, aj := math.Abs(out[i].RecentMedianSkewSec), math.Abs(out[j].RecentMedianSkewSec)
		if ai != aj {
			return ai > aj
		}
		return out[i].Pubkey < out[j].Pubkey
	})
	return out
}

// ObserversClockSkew lists the receive-clock offsets of the observers src does not
// hide (api.md §3.7 #40), by id.
func ObserversClockSkew(src Source, m *ClockModel) []ObserverOffset {
	out := []ObserverOffset{}
	for _, o := range m.observers {
		if !src.HiddenObserver(o.ObserverID) {
			out = append(out, *o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ObserverID < out[j].ObserverID })
	return out
}
