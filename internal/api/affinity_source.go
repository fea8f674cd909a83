package api

import (
	"cmp"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/store"
)

// affinityTable is what GET /api/debug/affinity needs from hop disambiguation: the
// neighbour edges it scores candidates by and its verdict for one prefix. The handler sees
// only this, so moving the resolver (issue #18: one hop resolver in internal/hops) changes
// the adapter below and nothing else.
type affinityTable interface {
	// Edges returns the neighbour edges; an unresolved end is "prefix:<hex>".
	Edges() []GraphEdge
	// BuiltAt is when the edges were derived (zero before the first build).
	BuiltAt() time.Time
	// NodeName returns a node's name ("" when unknown).
	NodeName(pubkey string) string
	// Resolve decides prefix among its candidate nodes, with context the pubkeys the hop
	// was heard next to.
	Resolve(prefix string, context []string) affinityResolution
}

// affinityResolution is the decision for one hop prefix.
type affinityResolution struct {
	Candidates []affinityCandidate
	// Chosen is the picked pubkey ("" when no candidate); Confidence names the rule.
	Chosen     string
	Confidence string
	Score      float64
}

// affinityCandidate is one node the prefix may mean, with its edge affinity to the context.
type affinityCandidate struct {
	Pubkey   string
	Name     string
	Affinity float64
}

// hopContextTable adapts the current resolver (analytics.HopContext over the neighbour
// graph snapshot and the visible nodes) to affinityTable.
type hopContextTable struct {
	graph *Graph
	nodes []store.Node
	names map[string]string
	hc    *analytics.HopContext
}

// affinityTable builds the table for one request from the current snapshots.
func (s *Server) affinityTable(src analyticsSource) (affinityTable, error) {
	nodes, err := src.Nodes()
	if err != nil {
		return nil, err
	}
	g, err := s.store.NeighborGraph()
	if err != nil {
		return nil, err
	}
	if g == nil {
		g = &Graph{}
	}
	t := &hopContextTable{graph: g, nodes: nodes, names: map[string]string{}}
	for _, n := range nodes {
		if n.Name != nil {
			t.names[strings.ToLower(n.PublicKey)] = *n.Name
		}
	}
	t.hc = analytics.NewHopContext(g.Edges, nodes, s.opts.Now())
	return t, nil
}

func (t *hopContextTable) Edges() []GraphEdge { return t.graph.Edges }

func (t *hopContextTable) BuiltAt() time.Time {
	if t.graph.BuiltAtUnixMs == 0 {
		return time.Time{}
	}
	return time.UnixMilli(t.graph.BuiltAtUnixMs).UTC()
}

func (t *hopContextTable) NodeName(pubkey string) string { return t.names[strings.ToLower(pubkey)] }

func (t *hopContextTable) Resolve(prefix string, context []string) affinityResolution {
	keys := t.hc.Candidates(prefix)
	var res affinityResolution
	switch len(keys) {
	case 0:
		res.Confidence = "no_match"
		return res
	case 1:
		res.Chosen, res.Confidence, res.Score = strings.ToLower(keys[0]), "unique_prefix", 1
	default:
		ch := t.hc.Choose(prefix, context)
		res.Chosen, res.Confidence, res.Score = strings.ToLower(cmp.Or(ch.Key, ch.Guess)), ch.Rule, ch.Score
		for _, k := range keys {
			k = strings.ToLower(k)
			res.Candidates = append(res.Candidates, affinityCandidate{Pubkey: k, Name: t.names[k], Affinity: ch.Affinity[k]})
		}
		return res
	}
	res.Candidates = []affinityCandidate{{Pubkey: res.Chosen, Name: t.names[res.Chosen]}}
	return res
}
