package api

import (
	"github.com/corescope/corescope/internal/analytics"
	"math"
	"strings"
	"time"
)

// hopContext scores candidate nodes for hop prefixes from the neighbour graph (edge
// affinity), node GPS (geography) and last-seen times (recency). It is built per request
// from the current snapshots and is read-only afterwards.
type hopContext struct {
	adj   map[string]map[string]float64
	byKey map[string]*NodeRow
	nodes []NodeRow
	now   time.Time
}

func newHopContext(g *Graph, nodes []NodeRow, now time.Time) *hopContext {
	c := &hopContext{adj: map[string]map[string]float64{}, byKey: map[string]*NodeRow{}, nodes: nodes, now: now}
	for i := range nodes {
		c.byKey[strings.ToLower(nodes[i].PublicKey)] = &nodes[i]
	}
	if g != nil {
		for _, e := range g.Edges {
			a, b := strings.ToLower(e.A), strings.ToLower(e.B)
			for _, p := range [][2]string{{a, b}, {b, a}} {
				if c.adj[p[0]] == nil {
					c.adj[p[0]] = map[string]float64{}
				}
				c.adj[p[0]][p[1]] = max(c.adj[p[0]][p[1]], e.Score)
			}
		}
	}
	return c
}

// candidates returns the visible nodes whose key starts with prefix.
func (c *hopContext) candidates(prefix string) []*NodeRow {
	p := strings.ToLower(prefix)
	var out []*NodeRow
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
func (c *hopContext) edge(a, b string) float64 {
	return c.adj[strings.ToLower(a)][strings.ToLower(b)]
}

// geo scores how plausible a radio hop from a to b is by distance: 1 up to 10 km,
// halving every further 40 km; 0.5 when either end lacks GPS.
func (c *hopContext) geo(a string, b *NodeRow) (float64, float64, bool) {
	pa := c.byKey[a]
	if pa == nil || !hasGPS(pa) || !hasGPS(b) {
		return 0.5, 0, false
	}
	d := analytics.HaversineKm(*pa.Lat, *pa.Lon, *b.Lat, *b.Lon)
	if d <= 10 {
		return 1, d, true
	}
	return math.Pow(0.5, (d-10)/40), d, true
}

// recency is 1 for a node heard within a day, decaying to 0 over 30 days.
func (c *hopContext) recency(n *NodeRow) float64 {
	t, ok := analytics.ParseTime(deref(n.LastSeen))
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
func (c *hopContext) hopScore(prev string, n *NodeRow, k int) (float64, float64) {
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

func hasGPS(n *NodeRow) bool {
	return n != nil && n.Lat != nil && n.Lon != nil && (*n.Lat != 0 || *n.Lon != 0)
}
