package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// getScopeStats serves the snapshot-cached transport-scope statistics.
func (s *Server) getScopeStats(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).scopeStats)(s, w, r)
}

// scopeStats counts transport-routed transmissions (route 0/3) by scope (api.md §3.2
// #13; internal/analytics) over ?window= 1h, 24h (default) or 7d.
func (s *Server) scopeStats(r *http.Request) (any, error) {
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
	return analytics.ComputeScopeStats(s.analyticsSource(r.Context()), win, s.opts.Now())
}
