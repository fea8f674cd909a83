package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// analyticsTopology serves the topology view (api.md §3.5 #51; internal/analytics).
func (s *Server) analyticsTopology(r *http.Request) (any, error) {
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	return analytics.ComputeTopology(s.analyticsSource(r.Context()), w)
}
