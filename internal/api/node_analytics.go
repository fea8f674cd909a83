package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// getNodeAnalytics computes per request: the node index bounds the scan to the node's
// own transmissions, and the answer is then never older than the store (parity.md §3).
func (s *Server) getNodeAnalytics(w http.ResponseWriter, r *http.Request) {
	v, err := s.nodeAnalytics(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

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
	// The clock-skew block is the node's record in the shared clock model, as
	// /api/nodes/{pubkey}/clock-skew answers it (null without one).
	if m, err := s.clockModel(); err == nil {
		if sk, ok := m.Node(n.PublicKey); ok {
			out.ClockSkew = sk
		}
	} else {
		s.log.Warn("node analytics: clock model", "err", err)
	}
	return out, nil
}
