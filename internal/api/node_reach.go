package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/corescope/corescope/internal/analytics"
)

// reachMaxDays bounds the lookback of the reach and coverage views (api.md §3.4 #42).
const reachMaxDays = 30

// getNodeReach serves /api/nodes/{pubkey}/reach through the analytics snapshot cache
// (keyed by path and the documented days parameter).
func (s *Server) getNodeReach(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).nodeReach)(s, w, r)
}

// nodeReach computes one node's two-way RF reach over ?days= (1–30, default 7).
func (s *Server) nodeReach(r *http.Request) (any, error) {
	pk := strings.ToLower(r.PathValue("pubkey"))
	if len(pk) != 64 || !isHex(pk) {
		return nil, errorf(ErrBadRequest, "invalid pubkey: expected 64 hex chars")
	}
	days, err := parseDays(r.URL.Query().Get("days"))
	if err != nil {
		return nil, err
	}
	n, err := s.findNode(pk)
	if err != nil {
		return nil, err
	}
	q := analytics.NodeReachQuery{Pubkey: strings.ToLower(n.PublicKey), Days: days, Now: s.opts.Now()}
	if obs, err := s.store.Observers(); err == nil {
		for i := range obs {
			if strings.EqualFold(obs[i].ID, pk) && !s.hide.observer(obs[i].ID) {
				q.ObserverIDs = append(q.ObserverIDs, obs[i].ID)
			}
		}
	}
	var edges []GraphEdge
	if g, err := s.store.NeighborGraph(); err == nil && g != nil {
		edges = g.Edges
	}
	return analytics.ComputeNodeReach(s.analyticsSource(r.Context()), edges, q)
}

// parseDays reads ?days= for the reach and coverage views: blank is 7, anything but an
// integer in 1–30 is a 400 naming the bound.
func parseDays(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 7, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > reachMaxDays {
		return 0, errorf(ErrBadRequest, fmt.Sprintf("days must be an integer from 1 to %d", reachMaxDays))
	}
	return n, nil
}
