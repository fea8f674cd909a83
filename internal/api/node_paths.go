package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/store"
)

// getNodePaths groups observations whose persisted resolved_path includes the node by
// their resolved-hop signature (api.md §3.4 #35; internal/analytics).
func (s *Server) getNodePaths(w http.ResponseWriter, r *http.Request) {
	n, err := s.findNode(r.PathValue("pubkey"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	node := store.Node{PublicKey: n.PublicKey, Name: n.Name, Lat: n.Lat, Lon: n.Lon}
	out, err := analytics.ComputeNodePaths(s.analyticsSource(r.Context()), node)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
