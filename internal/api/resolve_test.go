package api

import (
	"net/http"
	"sort"
	"strings"
	"testing"
)

// graphStore adds a neighbour graph to the fixture store.
type graphStore struct {
	Store
	g *Graph
}

func (s graphStore) NeighborGraph() (*Graph, error) { return s.g, nil }

func TestResolveHops_NeighborAffinity(t *testing.T) {
	var all struct {
		Nodes []NodeJSON `json:"nodes"`
	}
	newFixture(t).getJSON(t, "/api/nodes?limit=2000", &all)
	// Find two relays (only repeaters and rooms can be hops) sharing a 1-byte prefix: an
	// ambiguous hop. The smallest such prefix, so the test is the same on every run.
	byPrefix := map[string][]string{}
	for _, n := range all.Nodes {
		if n.Role == nil || (*n.Role != "repeater" && *n.Role != "room") {
			continue
		}
		p := strings.ToLower(n.PublicKey[:2])
		byPrefix[p] = append(byPrefix[p], strings.ToLower(n.PublicKey))
	}
	var prefix string
	var cands []string
	for p, ks := range byPrefix {
		if len(ks) >= 2 && (prefix == "" || p < prefix) {
			prefix, cands = p, ks
		}
	}
	sort.Strings(cands)
	if prefix == "" {
		t.Fatal("fixture has no ambiguous 1-byte prefix")
	}
	from := strings.ToLower(all.Nodes[0].PublicKey)
	if from == cands[1] {
		from = strings.ToLower(all.Nodes[1].PublicKey)
	}
	want := cands[1]
	g := &Graph{BuiltAtUnixMs: 1, Edges: []GraphEdge{{A: from, B: want, Count: 9, Score: 0.9}}}
	f := newFixture(t, func(o *Options) { o.Store = graphStore{Store: o.Store, g: g} })
	var res struct {
		Resolved map[string]HopResolution `json:"resolved"`
	}
	f.getJSON(t, "/api/resolve-hops?hops="+prefix+"&from_node="+from, &res)
	hr := res.Resolved[prefix]
	if hr.Confidence != "neighbor_affinity" || hr.BestCandidate != want || hr.Pubkey != want || !hr.Ambiguous {
		t.Fatalf("got %+v, want neighbor_affinity → %s", hr, want)
	}
	f.getJSON(t, "/api/resolve-hops?hops="+prefix, &res)
	if c := res.Resolved[prefix].Confidence; c == "neighbor_affinity" || c == "" {
		t.Fatalf("without context: confidence %q", c)
	}
	if code, _, _ := f.do(t, http.MethodGet, "/api/resolve-hops?hops=zz,"+prefix, "", nil); code != 200 {
		t.Fatalf("non-hex hop: %d", code)
	}
}
