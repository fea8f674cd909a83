package analytics

import (
	"math"
	"strings"
	"time"
)

// Usefulness weights (api.md §4.4): they sum to 1.
const (
	WeightBridge     = 0.30
	WeightCoverage   = 0.25
	WeightRedundancy = 0.25
	WeightTraffic    = 0.20
)

// Grade floors on the composite score: A ≥ 0.65, B ≥ 0.45, C ≥ 0.30, D ≥ 0.15, else F.
const (
	gradeA = 0.65
	gradeB = 0.45
	gradeC = 0.30
	gradeD = 0.15
)

// Edge-weight constants: an edge saturates at 100 sightings and at 3 distinct
// observers; its weight halves every 168 h (7 days) since it was last seen.
const (
	edgeSaturationCount     = 100.0
	edgeObserverSaturation  = 3.0
	edgeHalfLifeHours       = 168.0
	redundancyMinEdgeWeight = (1 / edgeSaturationCount) / edgeObserverSaturation
)

// Axes are one node's four usefulness axes, each in [0, 1].
type Axes struct {
	Bridge, Coverage, Redundancy float64
	// Traffic is the raw share of non-advert transmissions the node relayed.
	Traffic float64
}

// Usefulness holds the structural axes of every node in the neighbour graph and the
// traffic share of every relay, as of one computation.
type Usefulness struct {
	// Bridge, Coverage and Redundancy map a lower-case pubkey to its axis score.
	Bridge, Coverage, Redundancy map[string]float64
	Traffic                      TrafficShares
}

// ComputeUsefulness derives the three structural axes from the neighbour graph's
// edges (weighted by EdgeWeight at now) and keeps the traffic shares beside them.
func ComputeUsefulness(edges []Edge, traffic TrafficShares, now time.Time) *Usefulness {
	var we []weightedEdge
	for _, e := range edges {
		if strings.HasPrefix(e.A, "prefix:") || strings.HasPrefix(e.B, "prefix:") || e.A == e.B {
			continue
		}
		if w := EdgeWeight(e, now); w > 0 {
			we = append(we, weightedEdge{a: strings.ToLower(e.A), b: strings.ToLower(e.B), w: w})
		}
	}
	bridge, coverage := newWeightedGraph(we, 1e-9).centrality()
	return &Usefulness{
		Bridge:     bridge,
		Coverage:   coverage,
		Redundancy: newWeightedGraph(we, redundancyMinEdgeWeight).cutPairs(),
		Traffic:    traffic,
	}
}

// EdgeWeight is an edge's affinity: min(1, count/100) · 2^(−hours since last seen / 168)
// · min(1, observers/3) (at least one observer is assumed).
func EdgeWeight(e Edge, now time.Time) float64 {
	countF := math.Min(1, float64(e.Count)/edgeSaturationCount)
	decay := 1.0
	if t, ok := ParseTime(e.LastSeen); ok {
		if h := now.Sub(t).Hours(); h > 0 {
			decay = math.Exp2(-h / edgeHalfLifeHours)
		}
	}
	obs := math.Min(1, math.Max(1, float64(len(e.Observers)))/edgeObserverSaturation)
	return countF * decay * obs
}

// Axes returns pk's axes (lower-case key; zero when the node is not in the graph).
func (u *Usefulness) Axes(pk string) Axes {
	pk = strings.ToLower(pk)
	return Axes{Bridge: u.Bridge[pk], Coverage: u.Coverage[pk], Redundancy: u.Redundancy[pk], Traffic: u.Traffic.Share(pk)}
}

// Composite is the weighted usefulness score in [0, 1]: traffic enters divided by
// maxTraffic (the largest share among the scored population), so all four axes use
// the same 0–1 scale.
func Composite(a Axes, maxTraffic float64) float64 {
	t := 0.0
	if maxTraffic > 0 {
		t = a.Traffic / maxTraffic
	}
	s := WeightBridge*clamp01(a.Bridge) + WeightCoverage*clamp01(a.Coverage) +
		WeightRedundancy*clamp01(a.Redundancy) + WeightTraffic*clamp01(t)
	return clamp01(s)
}

// Grade maps a composite score to A–F.
func Grade(score float64) string {
	switch {
	case score >= gradeA:
		return "A"
	case score >= gradeB:
		return "B"
	case score >= gradeC:
		return "C"
	case score >= gradeD:
		return "D"
	}
	return "F"
}

func clamp01(v float64) float64 {
	if math.IsNaN(v) || v < 0 {
		return 0
	}
	return math.Min(v, 1)
}
