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
