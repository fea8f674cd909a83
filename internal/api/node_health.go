package api

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"strings"
	"time"
)

// NodeObserverStat is one observer's view of a node.
type NodeObserverStat struct {
	ObserverID   string   `json:"observer_id"`
	ObserverName *string  `json:"observer_name"`
	AvgSNR       *float64 `json:"avgSnr"`
	AvgRSSI      *float64 `json:"avgRssi"`
	PacketCount  int      `json:"packetCount"`
}

// NodeStats summarises a node's traffic.
type NodeStats struct {
	TotalTransmissions int      `json:"totalTransmissions"`
	TotalObservations  int      `json:"totalObservations"`
	TotalPackets       int      `json:"totalPackets"`
	PacketsToday       int      `json:"packetsToday"`
	AvgSNR             *float64 `json:"avgSnr"`
	AvgHops            *float64 `json:"avgHops,omitempty"`
	LastHeard          *string  `json:"lastHeard"`
}

type avg struct {
	sum float64
	n   int
}

func (a *avg) add(v *float64) {
	if v != nil {
		a.sum += *v
		a.n++
	}
}

func (a avg) value() *float64 {
	if a.n == 0 {
		return nil
	}
	v := round2(a.sum / float64(a.n))
	return &v
}

// nodeHealth aggregates the transmissions indexed to pk, scanned newest first in
// batches (never all copied at once); each, when set, sees every row as well.
func (s *Server) nodeHealth(ctx context.Context, pk string, withHops bool, each func(t *TxRow)) (NodeStats, []NodeObserverStat, error) {
	type acc struct {
		name      *string
		snr, rssi avg
		count     int
	}
	today := s.opts.Now().UTC().Format("2006-01-02")
	var st NodeStats
	byObs := map[string]*acc{}
	var snr, hops avg
	err := s.store.ScanTransmissions(TxFilter{Nodes: []string{strings.ToLower(pk)}}, untilDone(ctx, func(t *TxRow) bool {
		if each != nil {
			each(t)
		}
		st.TotalTransmissions++
		if strings.HasPrefix(t.FirstSeen, today) {
			st.PacketsToday++
		}
		if b := t.BestObservation(); b != nil {
			h := float64(len(parsePath(b.PathJSON)))
			hops.add(&h)
		}
		for j := range t.Observations {
			o := &t.Observations[j]
			st.TotalObservations++
			snr.add(o.SNR)
			if st.LastHeard == nil || o.Timestamp > *st.LastHeard {
				ts := o.Timestamp
				st.LastHeard = &ts
			}
			if o.ObserverID == nil {
				continue
			}
			a := byObs[*o.ObserverID]
			if a == nil {
				a = &acc{name: o.ObserverName}
				byObs[*o.ObserverID] = a
			}
			a.count++
			a.snr.add(o.SNR)
			a.rssi.add(o.RSSI)
		}
		return true
	}))
	if err != nil {
		return NodeStats{}, nil, err
	}
	st.TotalPackets = st.TotalTransmissions
	st.AvgSNR = snr.value()
	if withHops {
		v := 0.0
		if p := hops.value(); p != nil {
			v = *p
		}
		st.AvgHops = &v
	}
	obs := []NodeObserverStat{}
	for id, a := range byObs {
		if s.hide.observer(id) {
			continue
		}
		obs = append(obs, NodeObserverStat{ObserverID: id, ObserverName: a.name, AvgSNR: a.snr.value(), AvgRSSI: a.rssi.value(), PacketCount: a.count})
	}
	sort.Slice(obs, func(i, j int) bool {
		if obs[i].PacketCount != obs[j].PacketCount {
			return obs[i].PacketCount > obs[j].PacketCount
		}
		return obs[i].ObserverID < obs[j].ObserverID
	})
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
	nodes, err := s.visibleNodes()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	h := s.opts.UI.Health
	if h == (HealthThresholds{}) {
		h = DefaultHealthThresholds()
	}
	now := s.opts.Now()
	out := struct {
		Total      int            `json:"total"`
		Active     int            `json:"active"`
		Degraded   int            `json:"degraded"`
		Silent     int            `json:"silent"`
		RoleCounts map[string]int `json:"roleCounts"`
	}{RoleCounts: map[string]int{}}
	for i := range nodes {
		n := &nodes[i]
		role := strings.ToLower(deref(n.Role))
		if role == "" {
			role = "unknown"
		}
		out.Total++
		out.RoleCounts[role]++
		degraded, silent := h.NodeDegradedHours, h.NodeSilentHours
		if role == "repeater" || role == "room" {
			degraded, silent = h.InfraDegradedHours, h.InfraSilentHours
		}
		age := time.Duration(1<<62 - 1)
		if n.LastSeen != nil {
			if t, err := time.Parse(time.RFC3339, *n.LastSeen); err == nil {
				age = now.Sub(t)
			}
		}
		switch {
		case age < time.Duration(degraded*float64(time.Hour)):
			out.Active++
		case age < time.Duration(silent*float64(time.Hour)):
			out.Degraded++
		default:
			out.Silent++
		}
	}
	writeJSON(w, http.StatusOK, out)
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
