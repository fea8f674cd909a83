package analytics

import (
	"sort"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/store"
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

// NodeHealthQuery selects one node's health: its pubkey, whether to average the best
// paths' hop counts, and the clock ("today" is its UTC date).
type NodeHealthQuery struct {
	Pubkey   string
	WithHops bool
	Now      time.Time
}

// ComputeNodeHealth aggregates the transmissions indexed to q.Pubkey, scanned newest
// first in batches (never all copied at once); each, when set, sees every row as well.
// Observers src hides are left out of the per-observer list.
func ComputeNodeHealth(src Source, q NodeHealthQuery, each func(t *store.Transmission)) (NodeStats, []NodeObserverStat) {
	type acc struct {
		name      *string
		snr, rssi Mean
		count     int
	}
	today := q.Now.UTC().Format("2006-01-02")
	var st NodeStats
	byObs := map[string]*acc{}
	var snr, hops Mean
	src.Scan(Window{Nodes: []string{strings.ToLower(q.Pubkey)}}, func(t *store.Transmission) bool {
		if each != nil {
			each(t)
		}
		st.TotalTransmissions++
		if strings.HasPrefix(t.FirstSeen, today) {
			st.PacketsToday++
		}
		if b := t.BestObservation(); b != nil {
			h := float64(len(parsedPath(b.PathJSON)))
			hops.Add(&h)
		}
		for j := range t.Observations {
			o := &t.Observations[j]
			st.TotalObservations++
			snr.Add(o.SNR)
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
			a.snr.Add(o.SNR)
			a.rssi.Add(o.RSSI)
		}
		return true
	})
	st.TotalPackets = st.TotalTransmissions
	st.AvgSNR = snr.Value()
	if q.WithHops {
		v := 0.0
		if p := hops.Value(); p != nil {
			v = *p
		}
		st.AvgHops = &v
	}
	obs := []NodeObserverStat{}
	for id, a := range byObs {
		if src.HiddenObserver(id) {
			continue
		}
		obs = append(obs, NodeObserverStat{ObserverID: id, ObserverName: a.name, AvgSNR: a.snr.Value(), AvgRSSI: a.rssi.Value(), PacketCount: a.count})
	}
	sort.Slice(obs, func(i, j int) bool {
		if obs[i].PacketCount != obs[j].PacketCount {
			return obs[i].PacketCount > obs[j].PacketCount
		}
		return obs[i].ObserverID < obs[j].ObserverID
	})
	return st, obs
}

// StatusThresholds are the hours after which a node counts as degraded or silent, for
// infrastructure (repeaters, rooms) and for other nodes.
type StatusThresholds struct {
	InfraDegradedHours, InfraSilentHours, NodeDegradedHours, NodeSilentHours float64
}

// NetworkStatus counts nodes by status and role (api.md: /api/nodes/network-status).
type NetworkStatus struct {
	Total      int            `json:"total"`
	Active     int            `json:"active"`
	Degraded   int            `json:"degraded"`
	Silent     int            `json:"silent"`
	RoleCounts map[string]int `json:"roleCounts"`
}

// ComputeNetworkStatus classifies each node by the age of its last_seen (RFC 3339;
// absent or unreadable counts as silent) against the thresholds of its role.
func ComputeNetworkStatus(nodes []store.Node, h StatusThresholds, now time.Time) NetworkStatus {
	out := NetworkStatus{RoleCounts: map[string]int{}}
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
	return out
}
