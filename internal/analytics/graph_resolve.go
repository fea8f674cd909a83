package analytics

import (
	"slices"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/store"
)

// resolveAmbiguous resolves ambiguous prefix edges from the graph just collected: the
// resolved edges become affinity links, and an ambiguous edge whose prefix the hop
// resolver decides by neighbour affinity or geography around the edge's known end is
// merged into the edge to that node. Guesses (GPS preference, advert counts) are not
// taken: such edges stay ambiguous. Edges are visited in key order, so the result does
// not depend on map iteration.
func (b *builder) resolveAmbiguous(nodes []store.Node, now time.Time) {
	var links []hops.Link
	var amb [][2]string
	for k, a := range b.acc {
		if a.Ambiguous {
			if len(a.Candidates) > 1 {
				amb = append(amb, k)
			}
			continue
		}
		links = append(links, hops.Link{A: a.A, B: a.B, Score: edgeScore(a.Count, a.last, now)})
	}
	if len(amb) == 0 {
		return
	}
	slices.SortFunc(amb, func(x, y [2]string) int { return strings.Compare(x[0]+x[1], y[0]+y[1]) })
	res := hops.NewResolver(HopNodes(nodes), links, now)
	for _, k := range amb {
		a := b.acc[k]
		known := a.A
		if strings.HasPrefix(known, "prefix:") {
			known = a.B
		}
		ch := res.Choose(a.Prefix, []string{known})
		if ch.Rule != hops.RuleAffinity && ch.Rule != hops.RuleGeo || ch.Key == known {
			continue
		}
		if d, ok := res.DistanceKm(known, ch.Key); ok && d > MaxEdgeKm {
			continue
		}
		delete(b.acc, k)
		nk := [2]string{min(known, ch.Key), max(known, ch.Key)}
		t := b.acc[nk]
		if t == nil {
			a.A, a.B, a.Ambiguous, a.Candidates = nk[0], nk[1], false, nil
			b.acc[nk] = a
			continue
		}
		t.Count += a.Count
		t.snrSum, t.snrN = t.snrSum+a.snrSum, t.snrN+a.snrN
		t.first, t.last = min(t.first, a.first), max(t.last, a.last)
		for o := range a.observers {
			t.observers[o] = true
		}
		for m, c := range a.CountsByMode {
			t.CountsByMode[m] += c
		}
	}
}
