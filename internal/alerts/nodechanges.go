package alerts

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Node-change alert kinds (issue #22 item 4, docs/monitoring.md).
const (
	// KindNodeRenamed: a node advertised a different name.
	KindNodeRenamed = "node_renamed"
	// KindNodeMoved: a node's advertised position moved more than NodeMovedKm.
	KindNodeMoved = "node_moved"
	// KindPrefixCollision: a relay new since yesterday shares its 1-byte prefix with an
	// older relay, making that hop hash ambiguous.
	KindPrefixCollision = "prefix_collision"
)

// NodeFact is one node's identity as last advertised.
type NodeFact struct {
	Key, Name string
	// Relay: a repeater or room (the nodes whose prefixes appear as hops).
	Relay bool
	// HasPos: Lat/Lon are a known position.
	HasPos   bool
	Lat, Lon float64
	// FirstSeen is when the node was first heard (zero: unknown, counted as old).
	FirstSeen time.Time
}

// change is a rename or move seen by an evaluation, reported for NodeChangeHold.
type change struct {
	alert Alert
	at    time.Time
}

// nodeChangeAlerts compares every node with the previous evaluation's view (the first
// evaluation after start only records it: the baseline lives in memory) and reports each
// rename or move for NodeChangeHold; prefix collisions need no memory (first_seen).
func (m *Manager) nodeChangeAlerts(now time.Time) []Alert {
	o := m.opts
	if o.NodeFacts == nil || o.NodeChangeHold <= 0 {
		return nil
	}
	list, err := o.NodeFacts()
	if err != nil {
		m.logErr(now, "read node facts", err)
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.known == nil {
		m.known, m.changes = map[string]NodeFact{}, map[string]change{}
		for _, n := range list {
			m.known[strings.ToLower(n.Key)] = n
		}
		return collisionAlerts(list, now, o.NodeChangeHold)
	}
	for _, n := range list {
		key := strings.ToLower(n.Key)
		prev, ok := m.known[key]
		m.known[key] = n
		if !ok {
			continue
		}
		if prev.Name != "" && n.Name != "" && n.Name != prev.Name {
			a := Alert{Kind: KindNodeRenamed, Subject: key, Name: n.Name,
				Message: fmt.Sprintf("node %s renamed from %q to %q", key, prev.Name, n.Name)}
			m.changes[a.key()] = change{a, now}
		}
		if o.NodeMovedKm > 0 && prev.HasPos && n.HasPos {
			if d := distanceKm(prev.Lat, prev.Lon, n.Lat, n.Lon); d > o.NodeMovedKm {
				a := Alert{Kind: KindNodeMoved, Subject: key, Name: n.Name,
					Message: fmt.Sprintf("node %s moved %.1f km (limit %g km): from %.5f,%.5f to %.5f,%.5f",
						label(Seen{ID: key, Name: n.Name}), d, o.NodeMovedKm, prev.Lat, prev.Lon, n.Lat, n.Lon)}
				m.changes[a.key()] = change{a, now}
			}
		}
	}
	var out []Alert
	for k, c := range m.changes {
		if now.Sub(c.at) >= o.NodeChangeHold {
			delete(m.changes, k)
			continue
		}
		out = append(out, c.alert)
	}
	return append(out, collisionAlerts(list, now, o.NodeChangeHold)...)
}

// collisionAlerts: a 1-byte prefix shared by relays of which at least one was first seen
// within hold ("new today") and at least one earlier (it existed yesterday). A mesh whose
// history is shorter than hold has no "yesterday" and raises none.
func collisionAlerts(list []NodeFact, now time.Time, hold time.Duration) []Alert {
	type group struct {
		old, fresh []string
	}
	by := map[string]*group{}
	for _, n := range list {
		if !n.Relay || len(n.Key) < 2 {
			continue
		}
		p := strings.ToUpper(n.Key[:2])
		g := by[p]
		if g == nil {
			g = &group{}
			by[p] = g
		}
		l := label(Seen{ID: strings.ToLower(n.Key), Name: n.Name})
		if !n.FirstSeen.IsZero() && now.Sub(n.FirstSeen) < hold {
			g.fresh = append(g.fresh, l)
		} else {
			g.old = append(g.old, l)
		}
	}
	var out []Alert
	for p, g := range by {
		if len(g.fresh) == 0 || len(g.old) == 0 {
			continue
		}
		sort.Strings(g.fresh)
		sort.Strings(g.old)
		out = append(out, Alert{Kind: KindPrefixCollision, Subject: p,
			Message: fmt.Sprintf("1-byte prefix %s is now shared: new relay %s collides with %s",
				p, strings.Join(g.fresh, ", "), strings.Join(g.old, ", "))})
	}
	return out
}

// distanceKm is the great-circle distance (haversine, mean Earth radius).
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
