package analytics

import (
	"math"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/store"
)

// HopContext scores candidate nodes for hop prefixes from the neighbour graph (edge
// affinity), node GPS (geography) and last-seen times (recency). It is built per request
// from the current snapshots and is read-only afterwards.
type HopContext struct {
	adj   map[string]map[string]float64
	byKey map[string]*store.Node
	nodes []store.Node
	now   time.Time
}

// NewHopContext indexes the visible nodes and the graph edges (nil = no graph yet).
func NewHopContext(edges []Edge, nodes []store.Node, now time.Time) *HopContext {
	c := &HopContext{adj: map[string]map[string]float64{}, byKey: map[string]*store.Node{}, nodes: nodes, now: now}
	for i := range nodes {
		c.byKey[strings.ToLower(nodes[i].PublicKey)] = &nodes[i]
	}
	for _, e := range edges {
		a, b := strings.ToLower(e.A), strings.ToLower(e.B)
		for _, p := range [][2]string{{a, b}, {b, a}} {
			if c.adj[p[0]] == nil {
				c.adj[p[0]] = map[string]float64{}
			}
			c.adj[p[0]][p[1]] = max(c.adj[p[0]][p[1]], e.Score)
		}
	}
	return c
}

// Candidates returns the visible nodes whose key starts with prefix (hex only).
func (c *HopContext) Candidates(prefix string) []*store.Node {
	p := strings.ToLower(prefix)
	var out []*store.Node
	if !isHex(p) {
		return out
	}
	for i := range c.nodes {
		if strings.HasPrefix(strings.ToLower(c.nodes[i].PublicKey), p) {
			out = append(out, &c.nodes[i])
		}
	}
	return out
}

// edge is the neighbour-graph score between two keys (0 when not neighbours).
func (c *HopContext) edge(a, b string) float64 {
	return c.adj[strings.ToLower(a)][strings.ToLower(b)]
}

// geo scores how plausible a radio hop from a to b is by distance: 1 up to 10 km,
// halving every further 40 km; 0.5 when either end lacks GPS.
func (c *HopContext) geo(a string, b *store.Node) (float64, float64, bool) {
	pa := c.byKey[a]
	if pa == nil || !hasGPS(pa) || !hasGPS(b) {
		return 0.5, 0, false
	}
	d := HaversineKm(*pa.Lat, *pa.Lon, *b.Lat, *b.Lon)
	if d <= 10 {
		return 1, d, true
	}
	return math.Pow(0.5, (d-10)/40), d, true
}

// recency is 1 for a node heard within a day, decaying to 0 over 30 days.
func (c *HopContext) recency(n *store.Node) float64 {
	t, ok := ParseTime(deref(n.LastSeen))
	if !ok {
		return 0.2
	}
	age := c.now.Sub(t).Hours() / 24
	if age <= 1 {
		return 1
	}
	return math.Max(0, 1-(age-1)/29)
}

// hopScore weighs candidate n after prev ("" at the start) among k candidates and also
// returns the edge affinity used.
func (c *HopContext) hopScore(prev string, n *store.Node, k int) (float64, float64) {
	edge, geo := 0.5, 0.5
	if prev != "" {
		edge = c.edge(prev, strings.ToLower(n.PublicKey))
		geo, _, _ = c.geo(prev, n)
	}
	sel := 1.0
	if k > 0 {
		sel = 1 / float64(k)
	}
	return wEdge*edge + wGeo*geo + wRecency*c.recency(n) + wSelect*sel, edge
}

// isHex reports a non-empty string of hex digits.
func isHex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
