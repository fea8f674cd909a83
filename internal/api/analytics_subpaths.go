package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// Subpath is one recurring run of consecutive hops.
type Subpath = analytics.Subpath

// analyticsSubpaths serves recurring runs of consecutive hops (api.md §3.5 #56;
// internal/analytics).
func (s *Server) analyticsSubpaths(r *http.Request) (any, error) {
	q := r.URL.Query()
	minLen := max(2, clampInt(q.Get("minLen"), 2, 2, 64))
	maxLen := max(minLen, clampInt(q.Get("maxLen"), 8, 2, 64))
	limit := clampLimit(q.Get("limit"), 100, s.opts.Limits.AnalyticsMax)
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	return analytics.ComputeSubpaths(s.analyticsSource(r.Context()), w, analytics.SubpathQuery{MinLen: minLen, MaxLen: maxLen, Limit: limit})
}
