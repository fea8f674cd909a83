package analytics

import (
	"strings"
	"time"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/store"
)

// HopContext is the hop resolver (internal/hops) over the visible nodes and the
// neighbour-graph edges, with the store rows for naming. It is built per request from
// the current snapshots and is read-only afterwards.
type HopContext struct {
	*hops.Resolver
	byKey map[string]*store.Node
}

// NewHopContext indexes the visible nodes and the graph edges (nil = no graph yet).
func NewHopContext(edges []Edge, nodes []store.Node, now time.Time) *HopContext {
	links := make([]hops.Link, 0, len(edges))
	for _, e := range edges {
		if !e.Ambiguous {
			links = append(links, hops.Link{A: e.A, B: e.B, Score: e.Score})
		}
	}
	byKey := make(map[string]*store.Node, len(nodes))
	for i := range nodes {
		byKey[strings.ToLower(nodes[i].PublicKey)] = &nodes[i]
	}
	return &HopContext{Resolver: hops.NewResolver(HopNodes(nodes), links, now), byKey: byKey}
}

// HopNodes converts store nodes to what the resolver weighs.
func HopNodes(nodes []store.Node) []hops.Node {
	out := make([]hops.Node, len(nodes))
	for i := range nodes {
		n := &nodes[i]
		out[i] = hops.Node{Key: n.PublicKey, Relay: hops.CanRelay(deref(n.Role)), Adverts: n.AdvertCount}
		if hasGPS(n) {
			out[i].Lat, out[i].Lon, out[i].HasGPS = *n.Lat, *n.Lon, true
		}
		if t, ok := ParseTime(deref(n.LastSeen)); ok {
			out[i].LastSeen = t
		}
	}
	return out
}

// Row returns the store row of key (nil when not visible).
func (c *HopContext) Row(key string) *store.Node { return c.byKey[strings.ToLower(key)] }

// rows returns the store rows of the candidates of prefix, ascending by key.
func (c *HopContext) rows(prefix string) []*store.Node {
	keys := c.Candidates(prefix)
	out := make([]*store.Node, 0, len(keys))
	for _, k := range keys {
		if n := c.byKey[k]; n != nil {
			out = append(out, n)
		}
	}
	return out
}
