package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// analyticsHashSizes serves the hash-size view (api.md §3.5 #54; internal/analytics).
func (s *Server) analyticsHashSizes(r *http.Request) (any, error) {
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	return analytics.ComputeHashSizes(s.analyticsSource(r.Context()), w)
}
