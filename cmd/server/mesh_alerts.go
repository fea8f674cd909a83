package main

import (
	"errors"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/alerts"
	"github.com/corescope/corescope/internal/api"
)

// meshEdgeWindow bounds the neighbour-graph edges the mesh alerts read: an edge not seen
// for a week no longer describes the mesh (the graph's score halves every 7 days).
const meshEdgeWindow = 7 * 24 * time.Hour

// meshGraph is alerts.Options.MeshGraph: the resolved edges of the analytics neighbour
// graph seen within meshEdgeWindow (ambiguous and unknown-prefix ends are dropped), and
// per node its last activity: the later of its last_seen and its newest edge, so a relay
// forwarding packets counts as heard.
func meshGraph(store api.Store, now time.Time) (alerts.MeshGraph, error) {
	g, err := store.NeighborGraph()
	if err != nil {
		return alerts.MeshGraph{}, err
	}
	if g == nil {
		return alerts.MeshGraph{}, errors.New("neighbour graph not built yet")
	}
	rows, err := store.Nodes()
	if err != nil {
		return alerts.MeshGraph{}, err
	}
	known := map[string]*alerts.MeshNode{}
	for _, r := range rows {
		role := strings.ToLower(deref(r.Role))
		known[strings.ToLower(r.PublicKey)] = &alerts.MeshNode{ID: strings.ToLower(r.PublicKey), Name: deref(r.Name),
			Relay: role == "repeater" || role == "room", LastActive: parseSeen(r.LastSeen)}
	}
	var out alerts.MeshGraph
	inGraph := map[string]*alerts.MeshNode{}
	touch := func(id string, at time.Time) {
		n := inGraph[id]
		if n == nil {
			n = known[id]
			if n == nil {
				n = &alerts.MeshNode{ID: id} // an observer-only end: never a relay
			}
			inGraph[id] = n
		}
		if at.After(n.LastActive) {
			n.LastActive = at
		}
	}
	for _, e := range g.Edges {
		if e.Ambiguous || strings.HasPrefix(e.A, "prefix:") || strings.HasPrefix(e.B, "prefix:") {
			continue
		}
		last := parseSeen(&e.LastSeen)
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
