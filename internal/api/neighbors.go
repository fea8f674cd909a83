package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// graphParams is a neighbour-graph request shape (api.md §9.2).
type graphParams struct {
	minCount int
	minScore float64
	region   string
	role     string
}

var (
	graphDefault    = graphParams{minCount: 5, minScore: 0.1}
	graphUnfiltered = graphParams{minCount: 1, minScore: 0}
)

func parseGraphParams(q map[string][]string, def graphParams) graphParams {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	p := def
	if v := get("min_count"); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			p.minCount = n
		}
	}
	if v := get("min_score"); v != "" {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			p.minScore = f
		}
	}
	p.region = strings.ToUpper(strings.TrimSpace(get("region")))
	p.role = strings.ToLower(strings.TrimSpace(get("role")))
	return p
}

// GraphNode and GraphEdgeJSON are the neighbor-graph response rows.
type GraphNode struct {
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

// buildGraph filters the snapshot into the response shape.
func (s *Server) buildGraph(g *Graph, p graphParams) (map[string]any, error) {
	nodes, err := s.store.Nodes()
	if err != nil {
		return nil, err
	}
	byKey := map[string]*NodeRow{}
	for i := range nodes {
		byKey[strings.ToLower(nodes[i].PublicKey)] = &nodes[i]
	}
	var regionObs map[string]bool
	if p.region != "" {
		codes, err := parseList("region", p.region, maxRegions)
		if err != nil {
			return nil, err
		}
		ids, err := s.regionObservers(codes)
		if err != nil {
			return nil, err
		}
		regionObs = map[string]bool{}
		for _, id := range ids {
			regionObs[id] = true
		}
	}
	hidden := func(pk string) bool {
		if n := byKey[strings.ToLower(pk)]; n != nil {
			return s.hide.node(n)
		}
		return s.hide.pubkey(pk)
	}
	roleOf := func(pk string) string {
		if n := byKey[strings.ToLower(pk)]; n != nil {
			return strings.ToLower(deref(n.Role))
		}
		return ""
	}
	edges := []GraphEdgeJSON{}
	degree := map[string]int{}
	ambiguous := 0
	if g != nil {
		for _, e := range g.Edges {
			if p.minCount > 0 && e.Count < p.minCount || e.Score < p.minScore || hidden(e.A) || hidden(e.B) {
				continue
			}
			if p.role != "" && roleOf(e.A) != p.role && roleOf(e.B) != p.role {
				continue
			}
			if regionObs != nil && !anyIn(e.Observers, regionObs) {
				continue
			}
			edges = append(edges, GraphEdgeJSON{Source: e.A, Target: e.B, Weight: e.Count, Score: round2(e.Score),
				Bidirectional: true, AvgSNR: e.AvgSNR, Ambiguous: e.Ambiguous})
			degree[e.A]++
			degree[e.B]++
			if e.Ambiguous {
				ambiguous++
			}
		}
	}
	out := []GraphNode{}
	for pk, d := range degree {
		if strings.HasPrefix(pk, "prefix:") {
			continue
		}
		gn := GraphNode{Pubkey: pk, NeighborCount: d}
		if n := byKey[strings.ToLower(pk)]; n != nil {
			gn.Name, gn.Role = n.Name, n.Role
		}
		out = append(out, gn)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pubkey < out[j].Pubkey })
	avgCluster := 0.0
	if len(out) > 0 {
		avgCluster = round2(float64(2*len(edges)) / float64(len(out)))
	}
	return map[string]any{"nodes": out, "edges": edges, "stats": map[string]any{"total_nodes": len(out), "total_edges": len(edges),
		"ambiguous_edges": ambiguous, "avg_cluster_size": avgCluster, "rejected_edges_geo_far": 0}}, nil
}

func anyIn(list []string, set map[string]bool) bool {
	for _, x := range list {
		if set[x] {
			return true
		}
	}
	return false
}

// graphEntry is one pre-encoded default-shape answer for one snapshot. ready is closed
// once body (or err) is set: one goroutine encodes, concurrent requests either get the
// previous snapshot's answer (stale, while there is one) or wait for it.
type graphEntry struct {
	snapshotMs int64
	ready      chan struct{}
	body       []byte
	err        error
	// staleBody is the newest earlier snapshot's answer (built at staleMs).
	staleBody []byte
	staleMs   int64
}

// graphSlots are the pre-encoded shapes by slot.
var graphSlots = [2]graphParams{graphDefault, graphUnfiltered}

// getNeighborGraph serves the two default shapes from pre-encoded bytes (encoded once
// per snapshot, normally ahead of the first request by WarmNeighborGraph) with
// X-Cache-Age-Seconds; other shapes are computed on the request path from the same
// snapshot with the same code.
func (s *Server) getNeighborGraph(w http.ResponseWriter, r *http.Request) {
	p := parseGraphParams(r.URL.Query(), graphDefault)
	g, err := s.store.NeighborGraph()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	slot := slices.Index(graphSlots[:], p)
	if g == nil || g.BuiltAtUnixMs == 0 || slot < 0 {
		v, err := s.buildGraph(g, p)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
		return
	}
	body, builtMs, err := s.graphBytes(g, slot)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	age := int64(s.opts.Now().Sub(time.UnixMilli(builtMs)).Seconds())
	w.Header().Set("X-Cache-Age-Seconds", strconv.FormatInt(max(0, age), 10))
	writeRaw(w, http.StatusOK, body)
}

// graphBytes returns the slot's encoded answer for snapshot g (or a newer one) and the
// snapshot time it was built from. A snapshot's answer is encoded once; while it is
// being encoded, requests get the previous snapshot's answer instead of waiting, so only
// the very first encoding of the process is waited for.
func (s *Server) graphBytes(g *Graph, slot int) ([]byte, int64, error) {
	e := s.graphC[slot].Load()
	if e != nil && e.snapshotMs >= g.BuiltAtUnixMs {
		s.cacheHits.Add(1)
		select {
		case <-e.ready:
			return e.body, e.snapshotMs, e.err
		default:
		}
		if e.staleBody != nil {
			return e.staleBody, e.staleMs, nil
		}
		<-e.ready
		return e.body, e.snapshotMs, e.err
	}
	fresh := &graphEntry{snapshotMs: g.BuiltAtUnixMs, ready: make(chan struct{})}
	if e != nil {
		fresh.staleBody, fresh.staleMs = e.staleBody, e.staleMs
		select {
		case <-e.ready:
			if e.err == nil {
				fresh.staleBody, fresh.staleMs = e.body, e.snapshotMs
			}
		default:
		}
	}
	if !s.graphC[slot].CompareAndSwap(e, fresh) {
		return s.graphBytes(g, slot) // another request started a build meanwhile
	}
	s.cacheMisses.Add(1)
	if fresh.staleBody != nil {
		go s.encodeGraph(fresh, g, slot)
		return fresh.staleBody, fresh.staleMs, nil
	}
	s.encodeGraph(fresh, g, slot)
	return fresh.body, fresh.snapshotMs, fresh.err
}

// encodeGraph fills e with the slot's answer for g and marks it ready; on error the slot
// is cleared so the next request retries.
func (s *Server) encodeGraph(e *graphEntry, g *Graph, slot int) {
	defer close(e.ready)
	v, err := s.buildGraph(g, graphSlots[slot])
	if err == nil {
		var b []byte
		if b, err = json.Marshal(v); err == nil {
			e.body = append(b, '\n')
			return
		}
	}
	e.err = err
	s.graphC[slot].CompareAndSwap(e, nil)
}

// WarmNeighborGraph encodes both default shapes of the current neighbour-graph snapshot
// now, so requests never pay for it; RunAnalytics calls it after every graph rebuild.
func (s *Server) WarmNeighborGraph() {
	g, err := s.store.NeighborGraph()
	if err != nil || g == nil || g.BuiltAtUnixMs == 0 {
		return
	}
	for slot := range graphSlots {
		s.graphBytes(g, slot) // starts the encoding (in the background while a stale answer exists)
		if e := s.graphC[slot].Load(); e != nil {
			<-e.ready
		}
	}
}
