package api

import (
	"net/http"
	"strings"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/store"
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
	var match []*NodeRow
	for i := range nodes {
		if strings.HasPrefix(strings.ToLower(nodes[i].PublicKey), prefix) {
			match = append(match, &nodes[i])
		}
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

// resolveHops resolves each hop prefix by unique match; several matches are decided by
// disambiguate (neighbour affinity, geography, GPS, advert count; hop_disambig.go) and
// confidence / confidenceScore report which rule decided and how surely.
func (s *Server) resolveHops(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	hops, err := parseList("hops", q.Get("hops"), maxHops)
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
	if len(hops) == 0 {
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
	var hc *analytics.HopContext
	for _, h := range hops {
		if r.Context().Err() != nil { // each hop walks every node; the client has gone
			return
		}
		p := strings.ToLower(h)
		cands := []Candidate{}
		var rows []*store.Node
		for i := range nodes {
			if isHex(p) && strings.HasPrefix(strings.ToLower(nodes[i].PublicKey), p) {
				n := &nodes[i]
				rows = append(rows, n)
				cands = append(cands, Candidate{Name: n.Name, Pubkey: strings.ToLower(n.PublicKey), Lat: n.Lat, Lon: n.Lon})
			}
		}
		hr := HopResolution{Candidates: cands, Conflicts: []Candidate{}}
		switch len(rows) {
		case 0:
			hr.Confidence = "no_match"
		case 1:
			hr.Confidence, hr.ConfidenceScore, hr.Name, hr.Pubkey = "unique_prefix", 1, rows[0].Name, strings.ToLower(rows[0].PublicKey)
		default:
			hr.Ambiguous, hr.Conflicts = true, cands
			if hc == nil {
				var edges []GraphEdge
				if g, _ := s.store.NeighborGraph(); g != nil {
					edges = g.Edges
				}
				hc = analytics.NewHopContext(edges, nodes, s.opts.Now())
			}
			ch := hc.Disambiguate(rows, ctxKeys)
			for i := range cands {
				if a := ch.Affinity[cands[i].Pubkey]; a > 0 {
					cands[i].AffinityScore = &a
				}
			}
			if ch.Confidence == "neighbor_affinity" {
				hr.BestCandidate = strings.ToLower(ch.Best.PublicKey)
			}
			hr.Confidence, hr.ConfidenceScore, hr.Name, hr.Pubkey = ch.Confidence, ch.Score, ch.Best.Name, strings.ToLower(ch.Best.PublicKey)
		}
		res[h] = hr
	}
	writeJSON(w, http.StatusOK, map[string]any{"resolved": res})
}
