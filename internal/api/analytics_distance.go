package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// analyticsDistance serves the hop-distance view (api.md §3.5 #53; internal/analytics).
func (s *Server) analyticsDistance(r *http.Request) (any, error) {
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	return analytics.ComputeDistance(s.analyticsSource(r.Context()), w)
}
