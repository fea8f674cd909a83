package analytics

import (
	"math"
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// Disambiguation thresholds: a winner must beat the runner-up by these factors.
const (
	affinityMargin = 1.5
	geoMargin      = 2.0
	// geoMaxKm is the longest hop geography may vouch for.
	geoMaxKm = 150.0
)

// HopChoice is the outcome of disambiguating one prefix among several candidates.
type HopChoice struct {
	Best *store.Node
	// Confidence names the rule that decided (api.md §3.8 #61); Score is 0–1.
	Confidence string
	Score      float64
	// Affinity is each candidate's (lower-case key) best edge score to a context node.
	Affinity map[string]float64
}

// Disambiguate picks among several candidate nodes for one hop prefix. Rules, in order:
// neighbour affinity to the context nodes (from_node, observer) when one candidate's
// edge score clearly beats the rest; geography (the candidate clearly nearest to a
// context node with GPS, within geoMaxKm); the only candidate with GPS; the candidate
// with clearly the most adverts; else the most recently seen, reported as ambiguous.
func (c *HopContext) Disambiguate(rows []*store.Node, ctxKeys []string) HopChoice {
	aff := map[string]float64{}
	for _, n := range rows {
		k := strings.ToLower(n.PublicKey)
		for _, x := range ctxKeys {
			aff[k] = max(aff[k], c.edge(x, k))
		}
	}
	ranked := append([]*store.Node(nil), rows...)
	key := func(n *store.Node) string { return strings.ToLower(n.PublicKey) }
	sort.SliceStable(ranked, func(i, j int) bool { return aff[key(ranked[i])] > aff[key(ranked[j])] })
	if top := aff[key(ranked[0])]; top > 0 {
		second := aff[key(ranked[1])]
		if second == 0 || top >= affinityMargin*second {
			return HopChoice{Best: ranked[0], Confidence: "neighbor_affinity", Score: Round2(top / (top + second)), Affinity: aff}
		}
	}
	if best, d1, d2, ok := c.nearest(rows, ctxKeys); ok && d1 <= geoMaxKm && (d2 < 0 || d2 >= geoMargin*max(d1, 0.1)) {
		sc := 0.6 // the others lack GPS, so one of them could still be nearer
		if d2 > 0 {
			sc = Round2(1 - d1/d2)
		}
		return HopChoice{Best: best, Confidence: "geo_proximity", Score: sc, Affinity: aff}
	}
	if best, conf := PickCandidate(rows); conf == "gps_preference" {
		return HopChoice{Best: best, Confidence: conf, Score: 0.5, Affinity: aff}
	}
	byCount := append([]*store.Node(nil), rows...)
	sort.SliceStable(byCount, func(i, j int) bool { return byCount[i].AdvertCount > byCount[j].AdvertCount })
	total := 0
	for _, n := range byCount {
		total += n.AdvertCount
	}
	if a, b := byCount[0].AdvertCount, byCount[1].AdvertCount; a > 0 && a >= 2*b {
		return HopChoice{Best: byCount[0], Confidence: "observation_count_fallback", Score: Round2(float64(a) / float64(total)), Affinity: aff}
	}
	best, _ := PickCandidate(rows)
	return HopChoice{Best: best, Confidence: "ambiguous", Score: Round2(1 / float64(len(rows))), Affinity: aff}
}

// PickCandidate prefers the only candidate with GPS ("gps_preference"), else the most
// recently seen ("ambiguous").
func PickCandidate(rows []*store.Node) (*store.Node, string) {
	var gps []*store.Node
	for _, n := range rows {
		if n.Lat != nil && n.Lon != nil && (*n.Lat != 0 || *n.Lon != 0) {
			gps = append(gps, n)
		}
	}
	if len(gps) == 1 {
		return gps[0], "gps_preference"
	}
	best := rows[0]
	for _, n := range rows[1:] {
		if deref(n.LastSeen) > deref(best.LastSeen) {
			best = n
		}
	}
	return best, "ambiguous"
}

// nearest finds the candidate closest to any context node with GPS; d2 is the
// runner-up's distance (-1 when there is none).
func (c *HopContext) nearest(rows []*store.Node, ctxKeys []string) (*store.Node, float64, float64, bool) {
	type cand struct {
		n *store.Node
		d float64
	}
	var cs []cand
	for _, n := range rows {
		best := math.Inf(1)
		for _, x := range ctxKeys {
			if _, d, ok := c.geo(x, n); ok {
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
