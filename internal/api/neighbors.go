package api

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/cache"
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

// buildGraph filters the snapshot into the response shape (internal/analytics). It runs
// under no request's context: default shapes are encoded in the background.
func (s *Server) buildGraph(g *Graph, p graphParams) (analytics.GraphAnswer, error) {
	q := analytics.GraphQuery{MinCount: p.minCount, MinScore: p.minScore, Role: p.role}
	if p.region != "" {
		codes, err := parseList("region", p.region, maxRegions)
		if err != nil {
			return analytics.GraphAnswer{}, err
		}
		ids, err := s.regionObservers(codes)
		if err != nil {
			return analytics.GraphAnswer{}, err
		}
		q.Observers = map[string]bool{}
		for _, id := range ids {
			q.Observers[id] = true
		}
	}
	var data analytics.GraphData
	if g != nil {
		data = analytics.GraphData{Edges: g.Edges, RejectedGeoFar: g.RejectedGeoFar, ObserverNames: g.ObserverNames}
	}
	return analytics.ComputeNeighborGraph(s.analyticsSource(context.Background()), data, q)
}

// graphBody is one default shape's encoded answer and the graph snapshot it came from.
type graphBody struct {
	body       []byte
	snapshotMs int64
}

// graphSlots are the pre-encoded shapes, with their keys in the graph cache.
var (
	graphSlots = [2]graphParams{graphDefault, graphUnfiltered}
	graphKeys  = [2]string{"default", "unfiltered"}
)

// graphGen is the graph cache's generation: the current snapshot's build time.
func (s *Server) graphGen() int64 {
	if g, err := s.store.NeighborGraph(); err == nil && g != nil {
		return g.BuiltAtUnixMs
	}
	return 0
}

// getNeighborGraph serves the two default shapes from pre-encoded bytes (encoded once
// per snapshot, normally ahead of the first request by WarmNeighborGraph; while a new
// snapshot is being encoded, the previous snapshot's answer is served) with
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
	res, err := s.caches.graph.Get(r.Context(), graphKeys[slot], s.encodeGraph(slot))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	age := int64(s.opts.Now().Sub(time.UnixMilli(res.Value.snapshotMs)).Seconds())
	w.Header().Set("X-Cache-Age-Seconds", strconv.FormatInt(max(0, age), 10))
	writeRaw(w, http.StatusOK, res.Value.body)
}

// encodeGraph builds the slot's answer from the current graph snapshot.
func (s *Server) encodeGraph(slot int) cache.Build[graphBody] {
	return func(context.Context) (graphBody, error) {
		g, err := s.store.NeighborGraph()
		if err != nil {
			return graphBody{}, err
		}
		v, err := s.buildGraph(g, graphSlots[slot])
		if err != nil {
			return graphBody{}, err
		}
		b, err := json.Marshal(v)
		if err != nil {
			return graphBody{}, err
		}
		var ms int64
		if g != nil {
			ms = g.BuiltAtUnixMs
		}
		return graphBody{body: append(b, '\n'), snapshotMs: ms}, nil
	}
}

// WarmNeighborGraph encodes both default shapes of the current neighbour-graph snapshot
// now, so requests never pay for it; RunAnalytics calls it after every graph rebuild.
func (s *Server) WarmNeighborGraph() {
	g, err := s.store.NeighborGraph()
	if err != nil || g == nil || g.BuiltAtUnixMs == 0 {
		return
	}
	for slot := range graphSlots {
		if err := s.caches.graph.Refresh(context.Background(), graphKeys[slot], s.encodeGraph(slot)); err != nil {
			s.log.Warn("encode neighbor graph", "shape", graphKeys[slot], "err", err)
		}
	}
}
