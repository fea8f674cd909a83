package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// analyticsRF serves the RF view (api.md §3.5 #50; internal/analytics).
func (s *Server) analyticsRF(r *http.Request) (any, error) {
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	return analytics.ComputeRF(s.analyticsSource(r.Context()), w)
}
