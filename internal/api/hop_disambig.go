package api

import (
	"math"
	"sort"
	"strings"
)

// Disambiguation thresholds: a winner must beat the runner-up by these factors.
const (
	affinityMargin = 1.5
	geoMargin      = 2.0
	// geoMaxKm is the longest hop geography may vouch for.
	geoMaxKm = 150.0
)

// hopChoice is the outcome of disambiguating one prefix among several candidates.
type hopChoice struct {
	best *NodeRow
	// confidence names the rule that decided (api.md §3.8 #61); score is 0–1.
	confidence string
	score      float64
	affinity   map[string]float64
}

// disambiguate picks among several candidate nodes for one hop prefix. Rules, in order:
// neighbour affinity to the context nodes (from_node, observer) when one candidate's
// edge score clearly beats the rest; geography (the candidate clearly nearest to a
// context node with GPS, within geoMaxKm); the only candidate with GPS; the candidate
// with clearly the most adverts; else the most recently seen, reported as ambiguous.
func disambiguate(hc *hopContext, rows []*NodeRow, ctxKeys []string) hopChoice {
	aff := map[string]float64{}
	for _, n := range rows {
		k := strings.ToLower(n.PublicKey)
		for _, c := range ctxKeys {
			aff[k] = max(aff[k], hc.edge(c, k))
		}
	}
	ranked := append([]*NodeRow(nil), rows...)
	key := func(n *NodeRow) string { return strings.ToLower(n.PublicKey) }
	sort.SliceStable(ranked, func(i, j int) bool { return aff[key(ranked[i])] > aff[key(ranked[j])] })
	if top := aff[key(ranked[0])]; top > 0 {
		second := aff[key(ranked[1])]
		if second == 0 || top >= affinityMargin*second {
			return hopChoice{best: ranked[0], confidence: "neighbor_affinity", score: round2(top / (top + second)), affinity: aff}
		}
	}
	if best, d1, d2, ok := nearest(hc, rows, ctxKeys); ok && d1 <= geoMaxKm && (d2 < 0 || d2 >= geoMargin*max(d1, 0.1)) {
		sc := 0.6 // the others lack GPS, so one of them could still be nearer
		if d2 > 0 {
			sc = round2(1 - d1/d2)
		}
		return hopChoice{best: best, confidence: "geo_proximity", score: sc, affinity: aff}
	}
	if best, conf := pickCandidate(rows); conf == "gps_preference" {
		return hopChoice{best: best, confidence: conf, score: 0.5, affinity: aff}
	}
	byCount := append([]*NodeRow(nil), rows...)
	sort.SliceStable(byCount, func(i, j int) bool { return byCount[i].AdvertCount > byCount[j].AdvertCount })
	total := 0
	for _, n := range byCount {
		total += n.AdvertCount
	}
	if a, b := byCount[0].AdvertCount, byCount[1].AdvertCount; a > 0 && a >= 2*b {
		return hopChoice{best: byCount[0], confidence: "observation_count_fallback", score: round2(float64(a) / float64(total)), affinity: aff}
	}
	best, _ := pickCandidate(rows)
	return hopChoice{best: best, confidence: "ambiguous", score: round2(1 / float64(len(rows))), affinity: aff}
}

// nearest finds the candidate closest to any context node with GPS; d2 is the
// runner-up's distance (-1 when there is none).
func nearest(hc *hopContext, rows []*NodeRow, ctxKeys []string) (*NodeRow, float64, float64, bool) {
	type cand struct {
		n *NodeRow
		d float64
	}
	var cs []cand
	for _, n := range rows {
		best := math.Inf(1)
		for _, c := range ctxKeys {
			if _, d, ok := hc.geo(c, n); ok {
				best = math.Min(best, d)
			}
		}
		if !math.IsInf(best, 1) {
			cs = append(cs, cand{n, best})
		}
	}
	if len(cs) == 0 {
		return nil, 0, 0, false
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	d2 := -1.0
	if len(cs) > 1 {
		d2 = cs[1].d
	}
	return cs[0].n, cs[0].d, d2, true
}
