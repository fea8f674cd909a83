package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// Clock-skew answer types (internal/analytics computes them).
type (
	NodeClockSkew  = analytics.NodeClockSkew
	ObserverOffset = analytics.ObserverOffset
)

// getNodeClockSkew serves one node's full clock-skew record (api.md §3.4 #39).
func (s *Server) getNodeClockSkew(w http.ResponseWriter, r *http.Request) {
	m, err := s.clockModel()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	n, ok := m.Node(r.PathValue("pubkey"))
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "No clock skew data for this node"})
		return
	}
	writeJSON(w, http.StatusOK, n)
}

// nodesClockSkew lists every node's clock skew (api.md §3.4 #38), worst first; ?area=
// keeps nodes inside a configured area.
func (s *Server) nodesClockSkew(r *http.Request) (any, error) {
	m, err := s.clockModel()
	if err != nil {
		return nil, err
	}
	return analytics.NodesClockSkew(m, s.areaParam(r.URL.Query())), nil
}

// observersClockSkew lists observer receive-clock offsets (api.md §3.7 #40).
func (s *Server) observersClockSkew(r *http.Request) (any, error) {
	m, err := s.clockModel()
	if err != nil {
		return nil, err
	}
	return analytics.ObserversClockSkew(s.analyticsSource(r.Context()), m), nil
}
