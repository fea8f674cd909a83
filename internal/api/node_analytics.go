package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// nodeAnalytics summarises one node's packets over ?days= (1–365, default 7; api.md
// §3.4 #36; internal/analytics).
func (s *Server) nodeAnalytics(r *http.Request) (any, error) {
	n, err := s.findNode(r.PathValue("pubkey"))
	if err != nil {
		return nil, err
	}
	q := analytics.NodeAnalyticsQuery{Pubkey: n.PublicKey, Days: clampInt(r.URL.Query().Get("days"), 7, 1, 365), Now: s.opts.Now()}
	out, err := analytics.ComputeNodeAnalytics(s.analyticsSource(r.Context()), q)
	if err != nil {
		return nil, err
	}
	out.Node = nodeJSON(&n)
	return out, nil
}
