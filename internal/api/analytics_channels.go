package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// analyticsChannels serves the channel view (api.md §3.5 #52; internal/analytics).
func (s *Server) analyticsChannels(r *http.Request) (any, error) {
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	return analytics.ComputeChannels(s.analyticsSource(r.Context()), w)
}
