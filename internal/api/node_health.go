package api

import (
	"context"
	"errors"
	"github.com/corescope/corescope/internal/analytics"
	"net/http"
	"sort"
	"strings"
)

// Node health answer types (internal/analytics computes them).
type (
	NodeObserverStat = analytics.NodeObserverStat
	NodeStats        = analytics.NodeStats
)

// nodeHealth aggregates the transmissions indexed to pk (internal/analytics); each, when
// set, sees every row as well. The scan stops when ctx ends.
func (s *Server) nodeHealth(ctx context.Context, pk string, withHops bool, each func(t *TxRow)) (NodeStats, []NodeObserverStat, error) {
	st, obs := analytics.ComputeNodeHealth(s.analyticsSource(ctx), analytics.NodeHealthQuery{Pubkey: pk, WithHops: withHops, Now: s.opts.Now()}, each)
	return st, obs, nil
}

func (s *Server) getNodeHealth(w http.ResponseWriter, r *http.Request) {
	n, err := s.findNode(r.PathValue("pubkey"))
	if errors.Is(err, ErrNotFound) {
		// A node absent from nodes but with packets gets a stub (api.md §3.4 #34).
		n, err = s.stubNode(r.PathValue("pubkey"))
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	recent := []TxJSON{}
	st, obs, err := s.nodeHealth(r.Context(), n.PublicKey, true, func(t *TxRow) {
		if len(recent) < 20 {
			recent = append(recent, txJSON(t, false))
		}
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"node": nodeJSON(&n), "observers": obs, "stats": st, "recentPackets": recent})
}

// BulkHealthRow is one /api/nodes/bulk-health entry.
type BulkHealthRow struct {
	PublicKey string             `json:"public_key"`
	Name      *string            `json:"name"`
	Role      *string            `json:"role"`
	Lat       *float64           `json:"lat"`
	Lon       *float64           `json:"lon"`
	Stats     NodeStats          `json:"stats"`
	Observers []NodeObserverStat `json:"observers"`
}

func (s *Server) bulkHealth(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := clampLimit(q.Get("limit"), 50, s.opts.Limits.BulkHealthMax)
	nodes, err := s.visibleNodes()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if ar := s.areaParam(q); ar != nil {
		kept := nodes[:0]
		for i := range nodes {
			if ar.Contains(nodes[i].Lat, nodes[i].Lon) {
				kept = append(kept, nodes[i])
			}
		}
		nodes = kept
	}
	codes, err := parseRegion(q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(codes) > 0 {
		in, err := s.regionNodes(codes)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		kept := nodes[:0]
		for _, n := range nodes {
			if in[strings.ToLower(n.PublicKey)] {
				kept = append(kept, n)
			}
		}
		nodes = kept
	}
	sort.SliceStable(nodes, func(i, j int) bool { return deref(nodes[i].LastSeen) > deref(nodes[j].LastSeen) })
	out := []BulkHealthRow{}
	for i := 0; i < len(nodes) && len(out) < limit; i++ {
		if r.Context().Err() != nil { // each node is a scan of its packets
			return
		}
		n := &nodes[i]
		st, obs, err := s.nodeHealth(r.Context(), n.PublicKey, false, nil)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		out = append(out, BulkHealthRow{PublicKey: n.PublicKey, Name: n.Name, Role: n.Role, Lat: n.Lat, Lon: n.Lon, Stats: st, Observers: obs})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) networkStatus(w http.ResponseWriter, r *http.Request) {
	nodes, err := s.analyticsSource(r.Context()).Nodes()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	h := s.opts.UI.Health
	if h == (HealthThresholds{}) {
		h = DefaultHealthThresholds()
	}
	th := analytics.StatusThresholds{InfraDegradedHours: h.InfraDegradedHours, InfraSilentHours: h.InfraSilentHours,
		NodeDegradedHours: h.NodeDegradedHours, NodeSilentHours: h.NodeSilentHours}
	writeJSON(w, http.StatusOK, analytics.ComputeNetworkStatus(nodes, th, s.opts.Now()))
}

// stubNode returns {public_key, name:"Unknown", role:"unknown"} for a full pubkey that has
// packets but no nodes row; hidden keys stay not found.
func (s *Server) stubNode(ref string) (NodeRow, error) {
	pk := strings.ToLower(strings.TrimSpace(ref))
	if len(pk) != 64 || !isHex(pk) || s.hide.pubkey(pk) {
		return NodeRow{}, errorf(ErrNotFound, "Not found")
	}
	rows, total, err := s.store.Transmissions(TxFilter{Nodes: []string{pk}}, 0, 1)
	if err != nil {
		return NodeRow{}, err
	}
	if total == 0 || len(rows) == 0 {
		return NodeRow{}, errorf(ErrNotFound, "Not found")
	}
	name, role := "Unknown", "unknown"
	return NodeRow{PublicKey: pk, Name: &name, Role: &role}, nil
}
