package analytics

import (
	"math"
	"slices"
	"strings"
)

// Params is a neighbour-graph request shape (api.md §3.5 #59).
type Params struct {
	// MinCount drops edges seen fewer times (applies when > 0).
	MinCount int
	// MinScore drops edges with a lower score.
	MinScore float64
	// Region keeps edges proved by an observer in one of these comma-separated IATAs.
	Region string
	// Role keeps edges with an endpoint of this role (case-insensitive).
	Role string
}

// The two shapes precomputed with every snapshot (api.md §9.2).
var (
	DefaultShape    = Params{MinCount: 5, MinScore: 0.1}
	UnfilteredShape = Params{MinCount: 1, MinScore: 0}
)

// GraphNode is one endpoint in a view.
type GraphNode struct {
	Pubkey        string
	Name, Role    *string
	NeighborCount int
}

// Stats summarise a view.
type Stats struct {
	TotalNodes, TotalEdges, AmbiguousEdges int
	AvgClusterSize                         float64
	RejectedEdgesGeoFar                    int
}

// View is a filtered graph, ready to encode.
type View struct {
	Nodes []GraphNode
	Edges []Edge
	Stats Stats
}

// Filter applies p to the snapshot; hidden (may be nil) drops edges with a hidden
// endpoint. Nodes are the resolved endpoints of the kept edges, sorted by pubkey.
func (g *Graph) Filter(p Params, hidden func(pubkey string) bool) View {
	var regions []string
	for r := range strings.SplitSeq(p.Region, ",") {
		if r = strings.ToUpper(strings.TrimSpace(r)); r != "" {
			regions = append(regions, r)
		}
	}
	role := strings.ToLower(strings.TrimSpace(p.Role))
	v := View{Edges: []Edge{}, Nodes: []GraphNode{}}
	degree := map[string]int{}
	for _, e := range g.Edges {
		switch {
		case p.MinCount > 0 && e.Count < p.MinCount, e.Score < p.MinScore:
			continue
		case hidden != nil && (hidden(e.A) || hidden(e.B)):
			continue
		case role != "" && g.role[e.A] != role && g.role[e.B] != role:
			continue
		case len(regions) > 0 && !slices.ContainsFunc(e.Observers, func(o string) bool { return slices.Contains(regions, g.iata[o]) }):
			continue
		}
		v.Edges = append(v.Edges, e)
		degree[e.A]++
		degree[e.B]++
		if e.Ambiguous {
			v.Stats.AmbiguousEdges++
		}
	}
	for pk, d := range degree {
		if strings.HasPrefix(pk, "prefix:") {
			continue
		}
		n := GraphNode{Pubkey: pk, Name: g.name[pk], NeighborCount: d}
		if r, ok := g.role[pk]; ok {
			n.Role = &r
		}
		v.Nodes = append(v.Nodes, n)
	}
	slices.SortFunc(v.Nodes, func(a, b GraphNode) int { return strings.Compare(a.Pubkey, b.Pubkey) })
	v.Stats.TotalNodes, v.Stats.TotalEdges = len(v.Nodes), len(v.Edges)
	if len(v.Nodes) > 0 {
		v.Stats.AvgClusterSize = math.Round(float64(2*len(v.Edges))/float64(len(v.Nodes))*100) / 100
	}
	return v
}
