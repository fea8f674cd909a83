package api

import (
	"net/http"
	"strings"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/hops"
)

// resolveNode maps a 4–64 hex prefix to a unique node; errors are text/plain (api.md §3.4 #44).
func (s *Server) resolveNode(w http.ResponseWriter, r *http.Request) {
	prefix := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("prefix")))
	if !isHex(prefix) {
		http.Error(w, "prefix must be hex", http.StatusBadRequest)
		return
	}
	if len(prefix) < 4 || len(prefix) > 64 {
		http.Error(w, "prefix must be at least 4 hex chars", http.StatusBadRequest)
		return
	}
	nodes, err := s.store.Nodes()
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	keys := make([]string, len(nodes))
	byKey := make(map[string]*NodeRow, len(nodes))
	for i := range nodes {
		keys[i] = nodes[i].PublicKey
		byKey[strings.ToLower(nodes[i].PublicKey)] = &nodes[i]
	}
	var match []*NodeRow
	for _, k := range hops.NewIndex(keys).Candidates(prefix) {
		match = append(match, byKey[k])
	}
	out := map[string]any{"prefix": prefix, "ambiguous": len(match) > 1}
	if len(match) == 1 && !s.hide.node(match[0]) {
		out["pubkey"] = strings.ToLower(match[0].PublicKey)
		out["name"] = match[0].Name
	}
	writeJSON(w, http.StatusOK, out)
}

// Candidate is a node that matches a hop prefix.
type Candidate struct {
	Name   *string  `json:"name"`
	Pubkey string   `json:"pubkey"`
	Lat    *float64 `json:"lat"`
	Lon    *float64 `json:"lon"`
	// AffinityScore is the neighbour-graph score to the context nodes, when any.
	AffinityScore *float64 `json:"affinityScore,omitempty"`
}

// HopResolution is one /api/resolve-hops entry.
type HopResolution struct {
	Name          *string     `json:"name"`
	Pubkey        string      `json:"pubkey,omitempty"`
	Ambiguous     bool        `json:"ambiguous,omitempty"`
	Candidates    []Candidate `json:"candidates"`
	Conflicts     []Candidate `json:"conflicts"`
	BestCandidate string      `json:"bestCandidate,omitempty"`
	Confidence    string      `json:"confidence"`
	// ConfidenceScore grades the decision from 0 (a guess) to 1 (certain).
	ConfidenceScore float64 `json:"confidenceScore"`
}

// resolveHops resolves each hop prefix with the hop resolver (internal/hops: unique match,
// neighbour affinity, geography, GPS, advert count) and
// confidence / confidenceScore report which rule decided and how surely.
func (s *Server) resolveHops(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	prefixes, err := parseList("hops", q.Get("hops"), maxHops)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ctxRefs, err := parseList("from_node/observer", q.Get("from_node")+","+q.Get("observer"), maxKeys)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	res := map[string]HopResolution{}
	if len(prefixes) == 0 {
		writeJSON(w, http.StatusOK, map[string]any{"resolved": res})
		return
	}
	nodes, err := s.analyticsSource(r.Context()).Nodes()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var ctxKeys []string
	for _, k := range ctxRefs {
		ctxKeys = append(ctxKeys, strings.ToLower(k))
	}
	var edges []GraphEdge
	if g, _ := s.store.NeighborGraph(); g != nil {
		edges = g.Edges
	}
	hc := analytics.NewHopContext(edges, nodes, s.opts.Now())
	for _, h := range prefixes {
		ch := hc.Choose(h, ctxKeys)
		cands := []Candidate{}
		for _, k := range ch.Candidates {
			n := hc.Row(k)
			c := Candidate{Name: n.Name, Pubkey: k, Lat: n.Lat, Lon: n.Lon}
			if a := ch.Affinity[k]; a > 0 {
				c.AffinityScore = &a
			}
			cands = append(cands, c)
		}
		hr := HopResolution{Candidates: cands, Conflicts: []Candidate{}, Confidence: ch.Rule, ConfidenceScore: ch.Score}
		if len(cands) > 1 {
			hr.Ambiguous, hr.Conflicts = true, cands
		}
		if ch.Rule == hops.RuleAffinity {
			hr.BestCandidate = ch.Key
		}
		if ch.Guess != "" {
			hr.Name, hr.Pubkey = hc.Row(ch.Guess).Name, ch.Guess
		}
		res[h] = hr
	}
	writeJSON(w, http.StatusOK, map[string]any{"resolved": res})
}
