package hops

import (
	"math"
	"slices"
	"strings"
	"time"
)

// Node is what the resolver knows of one node: its key, whether it can relay, and the
// evidence geography, recency and advert counts give.
type Node struct {
	Key string // public key, any case
	// Relay is true for roles that forward packets (repeaters, rooms): only they can
	// be a hop, so only they are candidates for a prefix.
	Relay    bool
	Lat, Lon float64
	HasGPS   bool
	LastSeen time.Time // zero = unknown
	Adverts  int
}

// Link is a known neighbour relation between two nodes with its affinity score (0–1),
// e.g. an edge of the neighbour graph.
type Link struct {
	A, B  string
	Score float64
}

// Decision rules, in the order Choose tries them (api.md §3.8 #61).
const (
	RuleNoMatch    = "no_match"
	RuleUnique     = "unique_prefix"
	RuleAffinity   = "neighbor_affinity"
	RuleGeo        = "geo_proximity"
	RuleGPS        = "gps_preference"
	RuleAdverts    = "observation_count_fallback"
	RuleAmbiguous  = "ambiguous"
	affinityMargin = 1.5
	geoMargin      = 2.0
	// geoMaxKm is the longest hop geography may vouch for.
	geoMaxKm = 150.0
)

// Resolver maps hop prefixes to nodes. It is built once per node/graph refresh and is
// read-only afterwards, safe for concurrent use.
type Resolver struct {
	idx   *Index
	nodes map[string]*Node
	adj   map[string]map[string]float64
	now   time.Time
}

// NewResolver indexes the relaying nodes as hop candidates (keys any case; non-hex keys
// are ignored), keeps every node for geography, and indexes links; now is the clock
// recency is measured against.
func NewResolver(nodes []Node, links []Link, now time.Time) *Resolver {
	r := &Resolver{nodes: make(map[string]*Node, len(nodes)), adj: map[string]map[string]float64{}, now: now}
	keys := make([]string, 0, len(nodes))
	for i := range nodes {
		n := nodes[i]
		n.Key = strings.ToLower(strings.TrimSpace(n.Key))
		r.nodes[n.Key] = &n
		if n.Relay {
			keys = append(keys, n.Key)
		}
	}
	r.idx = NewIndex(keys)
	for _, l := range links {
		a, b := strings.ToLower(l.A), strings.ToLower(l.B)
		for _, p := range [2][2]string{{a, b}, {b, a}} {
			if r.adj[p[0]] == nil {
				r.adj[p[0]] = map[string]float64{}
			}
			r.adj[p[0]][p[1]] = max(r.adj[p[0]][p[1]], l.Score)
		}
	}
	return r
}

// Index is the prefix index of the resolver's hop candidates.
func (r *Resolver) Index() *Index { return r.idx }

// Candidates returns the relaying keys starting with prefix (hex, any case), ascending.
func (r *Resolver) Candidates(prefix string) []string { return r.idx.Candidates(prefix) }

// Node returns what the resolver knows of key.
func (r *Resolver) Node(key string) (Node, bool) {
	n := r.nodes[strings.ToLower(key)]
	if n == nil {
		return Node{}, false
	}
	return *n, true
}

// Affinity is the link score between two keys (0 when not neighbours).
func (r *Resolver) Affinity(a, b string) float64 {
	return r.adj[strings.ToLower(a)][strings.ToLower(b)]
}

// Choice is the outcome of resolving one prefix.
type Choice struct {
	// Key is the chosen node ("" when nothing matched or the choice stayed ambiguous).
	Key string
	// Guess is Key, or for an ambiguous choice the most recently seen candidate, for
	// callers whose contract shows one anyway; it is never used to merge or name.
	Guess string
	// Candidates are every key the prefix matches, ascending.
	Candidates []string
	// Rule names the rule that decided; Score grades it from 0 (a guess) to 1.
	Rule  string
	Score float64
	// Affinity is each candidate's best link score to a context key.
	Affinity map[string]float64
}

// Ambiguous reports several candidates and no rule that could pick one.
func (c Choice) Ambiguous() bool { return c.Rule == RuleAmbiguous }

// Best is the prefix's best match without path context: the only candidate, or the one
// the context-free rules pick (only one with GPS, clearly the most adverts); "" when
// none matches or it stays ambiguous. A node's 1-, 2- and 3-byte prefixes all map to
// its key, which is how callers merge them.
func (r *Resolver) Best(prefix string) string { return r.Choose(prefix, nil).Key }

// Sure is the prefix's node when a rule that does not guess decides it (a unique
// candidate; with ctx, neighbour affinity or geography), else "". Callers that merge or
// attribute by node use it; Best also takes the context-free tie-breaks.
func (r *Resolver) Sure(prefix string, ctx []string) string {
	switch ch := r.Choose(prefix, ctx); ch.Rule {
	case RuleUnique, RuleAffinity, RuleGeo:
		return ch.Key
	}
	return ""
}

// Choose resolves prefix among its candidates. Rules, in order: a unique candidate;
// neighbour affinity to the context keys when one candidate's link clearly beats the
// rest; geography (the candidate clearly nearest to a context node with GPS, within
// geoMaxKm); the only candidate with GPS; clearly the most adverts; else ambiguous.
func (r *Resolver) Choose(prefix string, ctx []string) Choice {
	cands := r.Candidates(prefix)
	ch := Choice{Candidates: cands, Affinity: map[string]float64{}}
	switch len(cands) {
	case 0:
		ch.Rule = RuleNoMatch
		return ch
	case 1:
		ch.Key, ch.Guess, ch.Rule, ch.Score = cands[0], cands[0], RuleUnique, 1
		return ch
	}
	for _, k := range cands {
		for _, x := range ctx {
			ch.Affinity[k] = max(ch.Affinity[k], r.Affinity(x, k))
		}
	}
	pick := func(k, rule string, score float64) Choice {
		ch.Key, ch.Guess, ch.Rule, ch.Score = k, k, rule, score
		return ch
	}
	ranked := slices.Clone(cands)
	slices.SortStableFunc(ranked, func(a, b string) int { return cmpDesc(ch.Affinity[a], ch.Affinity[b]) })
	if top, second := ch.Affinity[ranked[0]], ch.Affinity[ranked[1]]; top > 0 && (second == 0 || top >= affinityMargin*second) {
		return pick(ranked[0], RuleAffinity, round2(top/(top+second)))
	}
	if best, d1, d2, ok := r.nearest(cands, ctx); ok && d1 <= geoMaxKm && (d2 < 0 || d2 >= geoMargin*max(d1, 0.1)) {
		sc := 0.6 // the others lack GPS, so one of them could still be nearer
		if d2 > 0 {
			sc = round2(1 - d1/d2)
		}
		return pick(best, RuleGeo, sc)
	}
	var gps []string
	for _, k := range cands {
		if r.nodes[k].HasGPS {
			gps = append(gps, k)
		}
	}
	if len(gps) == 1 {
		return pick(gps[0], RuleGPS, 0.5)
	}
	byAdverts := slices.Clone(cands)
	slices.SortStableFunc(byAdverts, func(a, b string) int { return r.nodes[b].Adverts - r.nodes[a].Adverts })
	total := 0
	for _, k := range cands {
		total += r.nodes[k].Adverts
	}
	if a, b := r.nodes[byAdverts[0]].Adverts, r.nodes[byAdverts[1]].Adverts; a > 0 && a >= 2*b {
		return pick(byAdverts[0], RuleAdverts, round2(float64(a)/float64(total)))
	}
	ch.Rule, ch.Score, ch.Guess = RuleAmbiguous, round2(1/float64(len(cands))), r.newest(cands)
	return ch
}

// newest is the most recently seen key (the first on ties: keys are ascending).
func (r *Resolver) newest(keys []string) string {
	best := keys[0]
	for _, k := range keys[1:] {
		if r.nodes[k].LastSeen.After(r.nodes[best].LastSeen) {
			best = k
		}
	}
	return best
}

// nearest finds the candidate closest to any context node with GPS; d2 is the
// runner-up's distance (-1 when there is none).
func (r *Resolver) nearest(cands, ctx []string) (string, float64, float64, bool) {
	type cand struct {
		k string
		d float64
	}
	var cs []cand
	for _, k := range cands {
		best := math.Inf(1)
		for _, x := range ctx {
			if d, ok := r.DistanceKm(x, k); ok {
				best = math.Min(best, d)
			}
		}
		if !math.IsInf(best, 1) {
			cs = append(cs, cand{k, best})
		}
	}
	if len(cs) == 0 {
		return "", 0, 0, false
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return cmpDesc(b.d, a.d) })
	d2 := -1.0
	if len(cs) > 1 {
		d2 = cs[1].d
	}
	return cs[0].k, cs[0].d, d2, true
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
