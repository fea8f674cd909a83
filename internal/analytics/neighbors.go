package analytics

import (
	"sort"
	"strconv"
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// GraphQuery is a /api/analytics/neighbor-graph request shape (api.md §9.2).
type GraphQuery struct {
	MinCount int
	MinScore float64
	// Observers keeps edges proved by one of these observers (a region); nil = all.
	Observers map[string]bool
	// Role keeps edges with an endpoint of this role (lower-case); "" = all.
	Role string
}

// GraphAnswer is the neighbour-graph answer. JSON keys are in the order the endpoint
// has always written them (alphabetical).
type GraphAnswer struct {
	Edges []GraphEdgeJSON `json:"edges"`
	Nodes []GraphNodeJSON `json:"nodes"`
	Stats GraphStatsJSON  `json:"stats"`
}

// GraphNodeJSON is one resolved endpoint of the kept edges.
type GraphNodeJSON struct {
	Pubkey        string  `json:"pubkey"`
	Name          *string `json:"name"`
	Role          *string `json:"role"`
	NeighborCount int     `json:"neighbor_count"`
}

// GraphEdgeJSON is one edge of /api/analytics/neighbor-graph.
type GraphEdgeJSON struct {
	Source        string   `json:"source"`
	Target        string   `json:"target"`
	Weight        int      `json:"weight"`
	Score         float64  `json:"score"`
	Bidirectional bool     `json:"bidirectional"`
	AvgSNR        *float64 `json:"avg_snr"`
	Ambiguous     bool     `json:"ambiguous"`
}

// GraphStatsJSON summarises the answer.
type GraphStatsJSON struct {
	AmbiguousEdges      int     `json:"ambiguous_edges"`
	AvgClusterSize      float64 `json:"avg_cluster_size"`
	RejectedEdgesGeoFar int     `json:"rejected_edges_geo_far"`
	TotalEdges          int     `json:"total_edges"`
	TotalNodes          int     `json:"total_nodes"`
}

// nodeRules names, roles and hides endpoints by the stored nodes as they are now.
type nodeRules struct {
	src    NodeSource
	byKey  map[string]*store.Node
	hidden map[string]bool
}

func newNodeRules(src NodeSource) (*nodeRules, error) {
	nodes, err := src.AllNodes()
	if err != nil {
		return nil, err
	}
	hidden, err := src.HiddenNodes()
	if err != nil {
		return nil, err
	}
	return &nodeRules{src: src, byKey: nodesByKey(nodes), hidden: hidden}, nil
}

// hides reports a hidden endpoint: a stored node any rule hides, or a blacklisted key.
func (r *nodeRules) hides(pk string) bool {
	k := strings.ToLower(pk)
	if r.byKey[k] != nil {
		return r.hidden[k]
	}
	return r.src.HiddenNode(k)
}

func (r *nodeRules) role(pk string) string {
	if n := r.byKey[strings.ToLower(pk)]; n != nil {
		return strings.ToLower(deref(n.Role))
	}
	return ""
}

// GraphData is what the neighbour views are cut from: a snapshot's edges and the
// facts of its build (zero value = no snapshot yet).
type GraphData struct {
	Edges []Edge
	// RejectedGeoFar and ObserverNames are Graph's.
	RejectedGeoFar int
	ObserverNames  map[string]*string
}

// observerRole names endpoints that are observers and not stored nodes.
const observerRole = "observer"

// ComputeNeighborGraph filters a graph snapshot into the answer, naming and hiding
// endpoints by the nodes as they are now; an endpoint that is only an observer is
// named from the observers with role "observer".
func ComputeNeighborGraph(src NodeSource, g GraphData, q GraphQuery) (GraphAnswer, error) {
	rules, err := newNodeRules(src)
	if err != nil {
		return GraphAnswer{}, err
	}
	out := GraphAnswer{Edges: []GraphEdgeJSON{}, Nodes: []GraphNodeJSON{}, Stats: GraphStatsJSON{RejectedEdgesGeoFar: g.RejectedGeoFar}}
	degree := map[string]int{}
	for _, e := range g.Edges {
		if q.MinCount > 0 && e.Count < q.MinCount || e.Score < q.MinScore || rules.hides(e.A) || rules.hides(e.B) {
			continue
		}
		if q.Role != "" && rules.role(e.A) != q.Role && rules.role(e.B) != q.Role {
			continue
		}
		if q.Observers != nil && !anyIn(e.Observers, q.Observers) {
			continue
		}
		out.Edges = append(out.Edges, GraphEdgeJSON{Source: e.A, Target: e.B, Weight: e.Count, Score: Round2(e.Score),
			Bidirectional: true, AvgSNR: e.AvgSNR, Ambiguous: e.Ambiguous})
		degree[e.A]++
		degree[e.B]++
		if e.Ambiguous {
			out.Stats.AmbiguousEdges++
		}
	}
	for pk, d := range degree {
		if strings.HasPrefix(pk, "prefix:") {
			continue
		}
		gn := GraphNodeJSON{Pubkey: pk, NeighborCount: d}
		if n := rules.byKey[strings.ToLower(pk)]; n != nil {
			gn.Name, gn.Role = n.Name, n.Role
		} else if name, ok := g.ObserverNames[strings.ToLower(pk)]; ok {
			role := observerRole
			gn.Name, gn.Role = name, &role
		}
		out.Nodes = append(out.Nodes, gn)
	}
	sort.Slice(out.Nodes, func(i, j int) bool { return out.Nodes[i].Pubkey < out.Nodes[j].Pubkey })
	out.Stats.TotalNodes, out.Stats.TotalEdges = len(out.Nodes), len(out.Edges)
	if len(out.Nodes) > 0 {
		out.Stats.AvgClusterSize = Round2(float64(2*len(out.Edges)) / float64(len(out.Nodes)))
	}
	return out, nil
}

func anyIn(list []string, set map[string]bool) bool {
	for _, x := range list {
		if set[x] || set[strings.ToUpper(x)] {
			return true
		}
	}
	return false
}

// Neighbor is one first-hop neighbour of a node.
type Neighbor struct {
	Pubkey       *string        `json:"pubkey"`
	Prefix       string         `json:"prefix"`
	Name         *string        `json:"name"`
	Role         *string        `json:"role"`
	Count        int            `json:"count"`
	CountsByMode map[string]int `json:"counts_by_mode"`
	Score        float64        `json:"score"`
	FirstSeen    *string        `json:"first_seen"`
	LastSeen     *string        `json:"last_seen"`
	AvgSNR       *float64       `json:"avg_snr"`
	DistanceKm   *float64       `json:"distance_km,omitempty"`
	Observers    []string       `json:"observers"`
	Ambiguous    bool           `json:"ambiguous"`
	Unresolved   bool           `json:"unresolved,omitempty"`
	Candidates   []Candidate    `json:"candidates,omitempty"`
}

// Candidate is one node an ambiguous neighbour's prefix matches.
type Candidate struct {
	Pubkey string  `json:"pubkey"`
	Name   *string `json:"name"`
	Role   *string `json:"role"`
}

// NodeNeighbors is one node's neighbours. JSON keys are in the order the endpoint has
// always written them (alphabetical).
type NodeNeighbors struct {
	Neighbors         []Neighbor `json:"neighbors"`
	Node              string     `json:"node"`
	TotalObservations int        `json:"total_observations"`
}

// NeighborQuery filters one node's neighbours.
type NeighborQuery struct {
	MinCount      int
	MinScore      float64
	DropAmbiguous bool
}

// ErrHiddenNode is returned for a node the operator hides.
var ErrHiddenNode = errHidden{}

type errHidden struct{}

func (errHidden) Error() string { return "hidden node" }

// ComputeNodeNeighbors lists pk's (lower-case) neighbours from a graph snapshot's edges,
// strongest first (ties by key or prefix); TotalObservations counts every edge of pk
// before filtering. Prefix is the hop that established the edge (the queried node's
// hop id when it relayed), counts_by_mode splits the count by that hop's size, and
// distance_km is set when both ends have GPS.
func ComputeNodeNeighbors(src NodeSource, edges []Edge, pk string, q NeighborQuery) (NodeNeighbors, error) {
	if src.HiddenNode(pk) {
		return NodeNeighbors{}, ErrHiddenNode
	}
	rules, err := newNodeRules(src)
	if err != nil {
		return NodeNeighbors{}, err
	}
	if rules.byKey[pk] != nil && rules.hidden[pk] {
		return NodeNeighbors{}, ErrHiddenNode
	}
	out := NodeNeighbors{Node: pk, Neighbors: []Neighbor{}}
	for _, e := range edges {
		var other string
		switch {
		case strings.EqualFold(e.A, pk):
			other = e.B
		case strings.EqualFold(e.B, pk):
			other = e.A
		default:
			continue
		}
		out.TotalObservations += e.Count
		if q.MinCount > 0 && e.Count < q.MinCount || e.Score < q.MinScore || q.DropAmbiguous && e.Ambiguous {
			continue
		}
		nb := Neighbor{Count: e.Count, Score: Round2(e.Score), AvgSNR: e.AvgSNR, Observers: e.Observers, Ambiguous: e.Ambiguous,
			FirstSeen: strPtr(e.FirstSeen), LastSeen: strPtr(e.LastSeen), Prefix: e.Prefix, CountsByMode: map[string]int{}}
		if nb.Observers == nil {
			nb.Observers = []string{}
		}
		for m, c := range e.CountsByMode {
			nb.CountsByMode[strconv.Itoa(m)] = c
		}
		if p, ok := strings.CutPrefix(other, "prefix:"); ok {
			nb.Prefix, nb.Unresolved = p, len(e.Candidates) == 0
			for _, c := range e.Candidates {
				cand := Candidate{Pubkey: c}
				if n := rules.byKey[c]; n != nil {
					cand.Name, cand.Role = n.Name, n.Role
				}
				nb.Candidates = append(nb.Candidates, cand)
			}
		} else {
			o := strings.ToLower(other)
			if src.HiddenNode(o) || rules.byKey[o] != nil && rules.hidden[o] {
				continue
			}
			nb.Pubkey = &o
			if n := rules.byKey[o]; n != nil {
				nb.Name, nb.Role = n.Name, n.Role
				if self := rules.byKey[pk]; hasGPS(self) && hasGPS(n) {
					d := Round2(HaversineKm(*self.Lat, *self.Lon, *n.Lat, *n.Lon))
					nb.DistanceKm = &d
				}
			}
		}
		out.Neighbors = append(out.Neighbors, nb)
	}
	sort.SliceStable(out.Neighbors, func(i, j int) bool {
		a, b := out.Neighbors[i], out.Neighbors[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return neighborKey(a) < neighborKey(b)
	})
	return out, nil
}

// neighborKey is the stable tie-break of neighbours with equal scores.
func neighborKey(n Neighbor) string {
	if n.Pubkey != nil {
		return *n.Pubkey
	}
	return "prefix:" + n.Prefix
}
