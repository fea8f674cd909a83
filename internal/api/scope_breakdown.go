package api

import (
	"net/http"
	"strings"

	"github.com/corescope/corescope/internal/analytics"
)

// topScopeRepeaters is how many repeaters /api/scope-stats/breakdown ranks per scope.
const topScopeRepeaters = 5

// getScopeBreakdown serves the snapshot-cached per-scope traffic and top repeaters.
func (s *Server) getScopeBreakdown(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).scopeBreakdown)(s, w, r)
}

// scopeBreakdown is per-scope traffic over ?window= (1h, 24h default, 7d) and the top
// repeaters per scope from the node enrichment's relay attribution (7 d, unambiguous hops).
func (s *Server) scopeBreakdown(r *http.Request) (any, error) {
	win := r.URL.Query().Get("window")
	if win == "" {
		win = "24h"
	}
	if _, _, ok := analytics.ScopeWindow(win); !ok {
		return nil, errorf(ErrBadRequest, "window must be 1h, 24h, or 7d")
	}
	if s.opts.DB == nil {
		return nil, errorf(ErrUnavailable, errNoDB.Error())
	}
	e, err := s.nodeEnrichment()
	if err != nil {
		return nil, err
	}
	nodes, err := s.store.Nodes()
	if err != nil {
		return nil, err
	}
	names := make(map[string]*string, len(nodes))
	for i := range nodes {
		names[strings.ToLower(nodes[i].PublicKey)] = nodes[i].Name
	}
	return analytics.ComputeScopeBreakdown(s.analyticsSource(r.Context()), win, s.opts.Now(), e.scopes.relays, "7d", topScopeRepeaters,
		func(pk string) *string { return names[pk] })
}
