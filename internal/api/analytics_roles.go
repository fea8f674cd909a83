package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// RoleStat is one role's row of /api/analytics/roles.
type RoleStat = analytics.RoleStat

// analyticsRoles counts visible nodes per role with their clock health (api.md §3.5
// #49; internal/analytics).
func (s *Server) analyticsRoles(r *http.Request) (any, error) {
	m, err := s.clockModel()
	if err != nil {
		return nil, err
	}
	return analytics.ComputeRoles(s.analyticsSource(r.Context()), m)
}
