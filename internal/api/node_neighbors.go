package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/corescope/corescope/internal/analytics"
)

// getNodeNeighbors lists one node's neighbours from the graph snapshot
// (internal/analytics); a hidden node is not found.
func (s *Server) getNodeNeighbors(w http.ResponseWriter, r *http.Request) {
	pk := strings.ToLower(r.PathValue("pubkey"))
	q := r.URL.Query()
	nq := analytics.NeighborQuery{DropAmbiguous: q.Get("include_ambiguous") == "false"}
	nq.MinCount, _ = strconv.Atoi(q.Get("min_count"))
	nq.MinScore, _ = strconv.ParseFloat(q.Get("min_score"), 64)
	g, err := s.store.NeighborGraph()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var edges []GraphEdge
	if g != nil {
		edges = g.Edges
	}
	out, err := analytics.ComputeNodeNeighbors(s.analyticsSource(r.Context()), edges, pk, nq)
	if errors.Is(err, analytics.ErrHiddenNode) {
		err = errorf(ErrNotFound, "Not found")
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
