package analytics

import (
	"sort"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/store"
)

// Subpath is one recurring run of consecutive hops.
type Subpath struct {
	Path    string   `json:"path"`
	RawHops []string `json:"rawHops"`
	Count   int      `json:"count"`
	Hops    int      `json:"hops"`
	Pct     float64  `json:"pct"`
}

// Subpaths is the top runs of one length range over the best-observation paths.
type Subpaths struct {
	Subpaths   []Subpath `json:"subpaths"`
	TotalPaths int       `json:"totalPaths"`
}

// SubpathQuery is one length range and how many runs to keep.
type SubpathQuery struct {
	MinLen, MaxLen, Limit int
}

// SubpathsBulk answers several length ranges from one scan (api.md §3.5 #57).
type SubpathsBulk struct {
	Results []Subpaths `json:"results"`
}

// bestHops returns t's best-observation hop list (lower-case, as the existing system
// keeps hops) when it has at least minLen hops, else nil.
func bestHops(t *store.Transmission, minLen int) []string {
	b := t.BestObservation()
	if b == nil {
		return nil
	}
	path := hops.ParsePathPtr(b.PathJSON)
	if len(path) < minLen {
		return nil
	}
	for k := range path {
		path[k] = strings.ToLower(path[k])
	}
	return path
}

// bestPaths collects every transmission's best-observation hop list of at least minLen
// hops (fresh strings, so nothing of the rows is retained).
func bestPaths(src Source, w Window, minLen int) [][]string {
	var paths [][]string
	src.Scan(w, func(t *store.Transmission) bool {
		if hops := bestHops(t, minLen); hops != nil {
			paths = append(paths, hops)
		}
		return true
	})
	return paths
}

// ComputeSubpaths counts recurring runs of consecutive hops over window w (api.md §3.5 #56).
func ComputeSubpaths(src Source, w Window, q SubpathQuery) (Subpaths, error) {
	nodes, err := src.Nodes()
	if err != nil {
		return Subpaths{}, err
	}
	paths := bestPaths(src, w, q.MinLen)
	return Subpaths{Subpaths: countSubpaths(paths, q, nodes), TotalPaths: len(paths)}, nil
}

// ComputeSubpathsBulk runs several length ranges over one scan of window w.
func ComputeSubpathsBulk(src Source, w Window, qs []SubpathQuery) (SubpathsBulk, error) {
	nodes, err := src.Nodes()
	if err != nil {
		return SubpathsBulk{}, err
	}
	minLen := 64
	for _, q := range qs {
		minLen = min(minLen, q.MinLen)
	}
	all := bestPaths(src, w, minLen)
	out := SubpathsBulk{Results: []Subpaths{}}
	for _, q := range qs {
		var paths [][]string
		for _, p := range all {
			if len(p) >= q.MinLen {
				paths = append(paths, p)
			}
		}
		out.Results = append(out.Results, Subpaths{Subpaths: countSubpaths(paths, q, nodes), TotalPaths: len(paths)})
	}
	return out, nil
}

// countSubpaths counts, once per path, every run of MinLen..MaxLen consecutive hops and
// returns the top Limit by count.
func countSubpaths(paths [][]string, q SubpathQuery, nodes []store.Node) []Subpath {
	counts := map[string]int{}
	for _, hops := range paths {
		seen := map[string]bool{}
		for n := q.MinLen; n <= min(q.MaxLen, len(hops)); n++ {
			for start := 0; start+n <= len(hops); start++ {
				key := strings.Join(hops[start:start+n], ",")
				if !seen[key] {
					seen[key] = true
					counts[key]++
				}
			}
		}
	}
	out := make([]Subpath, 0, len(counts))
	for key, c := range counts {
		raw := strings.Split(key, ",")
		out = append(out, Subpath{RawHops: raw, Count: c, Hops: len(raw)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return strings.Join(out[i].RawHops, ",") < strings.Join(out[j].RawHops, ",")
	})
	out = out[:min(len(out), q.Limit)]
	namer := newHopNamer(nodes)
	for i := range out {
		names := make([]string, len(out[i].RawHops))
		for k, hop := range out[i].RawHops {
			names[k] = namer.name(hop)
		}
		out[i].Path = strings.Join(names, " → ")
		if len(paths) > 0 {
			out[i].Pct = round1(100 * float64(out[i].Count) / float64(len(paths)))
		}
	}
	return out
}

// hopNamer names hops by their prefix's best match among the visible relays
// (hops.Resolver.Best), once per prefix: every path shows the same name for a prefix.
type hopNamer struct {
	res   *hops.Resolver
	byKey map[string]*store.Node
	memo  map[string]*store.Node
}

func newHopNamer(nodes []store.Node) *hopNamer {
	byKey := make(map[string]*store.Node, len(nodes))
	for i := range nodes {
		byKey[strings.ToLower(nodes[i].PublicKey)] = &nodes[i]
	}
	return &hopNamer{res: hops.NewResolver(HopNodes(nodes), nil, time.Time{}), byKey: byKey, memo: map[string]*store.Node{}}
}

// node is the hop's best-match node (nil when none matches or it stays ambiguous).
func (h *hopNamer) node(hop string) *store.Node {
	p := strings.ToLower(hop)
	n, ok := h.memo[p]
	if !ok {
		n = h.byKey[h.res.Best(p)]
		h.memo[p] = n
	}
	return n
}

// name is the best match's name, else the hop as given.
func (h *hopNamer) name(hop string) string {
	if n := h.node(hop); n != nil && deref(n.Name) != "" {
		return *n.Name
	}
	return hop
}
