package api

import (
	"errors"
	"strings"
	"time"
)

// MeshNode is one vertex of the resolved neighbour graph as the alert manager reads it
// (cmd/server copies it into alerts.MeshNode).
type MeshNode struct {
	ID, Name string
	// Relay: a repeater or room.
	Relay bool
	// LastActive is the later of its last_seen and its newest edge (zero: unknown).
	LastActive time.Time
}

// MeshGraph is the resolved neighbour graph for the mesh-split alerts.
type MeshGraph struct {
	Nodes []MeshNode
	Edges [][2]string
}

// meshEdgeWindow bounds the edges the mesh alerts read: an edge not seen for a week no
// longer describes the mesh (the graph's score halves every 7 days).
const meshEdgeWindow = 7 * 24 * time.Hour

// MeshGraph returns the resolved edges of the analytics neighbour graph seen within
// meshEdgeWindow (ambiguous and unknown-prefix ends dropped), and per node its last
// activity, so a relay seen forwarding counts as heard.
func (s *Server) MeshGraph() (MeshGraph, error) {
	g, err := s.store.NeighborGraph()
	if err != nil {
		return MeshGraph{}, err
	}
	if g == nil {
		return MeshGraph{}, errors.New("neighbour graph not built yet")
	}
	rows, err := s.store.Nodes()
	if err != nil {
		return MeshGraph{}, err
	}
	now := s.opts.Now()
	known := make(map[string]MeshNode, len(rows))
	for _, r := range rows {
		role := strings.ToLower(deref(r.Role))
		key := strings.ToLower(r.PublicKey)
		known[key] = MeshNode{ID: key, Name: deref(r.Name), Relay: role == "repeater" || role == "room", LastActive: parseISO(r.LastSeen)}
	}
	inGraph := map[string]*MeshNode{}
	touch := func(id string, at time.Time) {
		n := inGraph[id]
		if n == nil {
			k, ok := known[id]
			if !ok {
				k = MeshNode{ID: id} // an observer-only end: never a relay
			}
			n = &k
			inGraph[id] = n
		}
		if at.After(n.LastActive) {
			n.LastActive = at
		}
	}
	var out MeshGraph
	for _, e := range g.Edges {
		if e.Ambiguous || strings.HasPrefix(e.A, "prefix:") || strings.HasPrefix(e.B, "prefix:") {
			continue
		}
		last := parseISO(&e.LastSeen)
		if last.IsZero() || now.Sub(last) > meshEdgeWindow {
			continue
		}
		a, b := strings.ToLower(e.A), strings.ToLower(e.B)
		touch(a, last)
		touch(b, last)
		out.Edges = append(out.Edges, [2]string{a, b})
	}
	for _, n := range inGraph {
		out.Nodes = append(out.Nodes, *n)
	}
	return out, nil
}

// parseISO reads the database's and the graph's ISO timestamps (zero when absent or bad).
func parseISO(s *string) time.Time {
	if s == nil {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, *s); err == nil {
			return t
		}
	}
	return time.Time{}
}
