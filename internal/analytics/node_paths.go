package analytics

import (
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/store"
)

// PathHop is one hop of a relay path.
type PathHop struct {
	Prefix string   `json:"prefix"`
	Name   string   `json:"name"`
	Pubkey *string  `json:"pubkey"`
	Lat    *float64 `json:"lat"`
	Lon    *float64 `json:"lon"`
}

// NodePath is one distinct relay path through a node.
type NodePath struct {
	Hops       []PathHop `json:"hops"`
	Count      int       `json:"count"`
	LastSeen   *string   `json:"lastSeen"`
	SampleHash string    `json:"sampleHash"`
}

// NodePaths lists the relay paths through a node (api.md §3.4 #35). JSON keys are in
// the order the endpoint has always written them (alphabetical).
type NodePaths struct {
	Node               PathNode   `json:"node"`
	Paths              []NodePath `json:"paths"`
	TotalPaths         int        `json:"totalPaths"`
	TotalTransmissions int        `json:"totalTransmissions"`
}

// PathNode is the node the paths go through.
type PathNode struct {
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
	Name      *string  `json:"name"`
	PublicKey string   `json:"public_key"`
}

// maxNodePaths bounds the path list; TotalPaths counts them all.
const maxNodePaths = 50

// ComputeNodePaths groups the observations whose resolved path includes node n by their
// resolved-hop signature, newest first. Hops are named from every stored node
// (AllNodes), as the path view always has.
func ComputeNodePaths(src NodeSource, n store.Node) (NodePaths, error) {
	pk := strings.ToLower(n.PublicKey)
	nodes, err := src.AllNodes()
	if err != nil {
		return NodePaths{}, err
	}
	byKey := map[string]*store.Node{}
	for i := range nodes {
		byKey[strings.ToLower(nodes[i].PublicKey)] = &nodes[i]
	}
	groups := map[string]*NodePath{}
	txs := 0
	// Scanned in batches: a busy repeater is in a large share of all transmissions.
	src.Scan(Window{Nodes: []string{pk}}, func(t *store.Transmission) bool {
		counted := false
		for j := range t.Observations {
			o := &t.Observations[j]
			prefixes := hops.ParsePathPtr(o.PathJSON)
			if !containsKey(o.ResolvedPath, pk) || len(prefixes) == 0 {
				continue
			}
			hops := make([]PathHop, len(prefixes))
			sig := make([]string, len(prefixes))
			for k, p := range prefixes {
				hops[k] = PathHop{Prefix: p, Name: p}
				sig[k] = p
				if k < len(o.ResolvedPath) && o.ResolvedPath[k] != nil {
					key := strings.ToLower(*o.ResolvedPath[k])
					sig[k] = key
					hops[k].Pubkey = o.ResolvedPath[k]
					if nd := byKey[key]; nd != nil {
						hops[k].Name, hops[k].Lat, hops[k].Lon = deref(nd.Name), nd.Lat, nd.Lon
					}
				}
			}
			key := strings.Join(sig, ">")
			g := groups[key]
			if g == nil {
				g = &NodePath{Hops: hops, SampleHash: t.Hash}
				groups[key] = g
			}
			g.Count++
			if g.LastSeen == nil || o.Timestamp > *g.LastSeen {
				ts := o.Timestamp
				g.LastSeen = &ts
			}
			counted = true
		}
		if counted {
			txs++
		}
		return true
	})
	paths := make([]NodePath, 0, len(groups))
	for _, g := range groups {
		paths = append(paths, *g)
	}
	sort.Slice(paths, func(i, j int) bool {
		if a, b := deref(paths[i].LastSeen), deref(paths[j].LastSeen); a != b {
			return a > b
		}
		if paths[i].Count != paths[j].Count {
			return paths[i].Count > paths[j].Count
		}
		return paths[i].SampleHash < paths[j].SampleHash
	})
	total := len(paths)
	return NodePaths{Node: PathNode{PublicKey: n.PublicKey, Name: n.Name, Lat: n.Lat, Lon: n.Lon},
		Paths: paths[:min(len(paths), maxNodePaths)], TotalPaths: total, TotalTransmissions: txs}, nil
}

// containsKey reports whether pk (any case) is on the resolved path.
func containsKey(list []*string, pk string) bool {
	for _, p := range list {
		if p != nil && strings.EqualFold(*p, pk) {
			return true
		}
	}
	return false
}
