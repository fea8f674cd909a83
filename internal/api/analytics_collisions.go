package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// CNode is a node in the hash-collision view.
type CNode = analytics.CollisionNode

// analyticsCollisions serves the hash-collision view (api.md §3.5 #55; internal/analytics).
func (s *Server) analyticsCollisions(r *http.Request) (any, error) {
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	return analytics.ComputeCollisions(s.analyticsSource(r.Context()), w)
}
