package alerts

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Mesh-structure alert kinds (issue #22 item 2, docs/monitoring.md).
const (
	// KindBridgeSilent: a relay that is a cut vertex of the neighbour graph is silent.
	KindBridgeSilent = "bridge_silent"
	// KindMeshSplit: silent relays split a connected part of the mesh into pieces.
	KindMeshSplit = "mesh_split"
)

// MeshNode is one vertex of the neighbour graph.
type MeshNode struct {
	ID, Name string
	// Relay: a repeater or room; only a relay's silence is a loss (companions sleep).
	Relay bool
	// LastActive is when it was last heard or seen relaying (zero: unknown, never silent).
	LastActive time.Time
}

// MeshGraph is the resolved neighbour graph: nodes with activity, undirected edges.
type MeshGraph struct {
	Nodes []MeshNode
	Edges [][2]string
}

// maxNamed bounds how many cut-off nodes an alert message lists.
const maxNamed = 12

// meshAlerts reports every silent relay that is a cut vertex of the graph (naming the
// nodes behind it), and one mesh_split while removing the silent relays leaves any
// connected part of the graph in more than one piece.
func (m *Manager) meshAlerts(now time.Time) []Alert {
	o := m.opts
	if o.MeshGraph == nil || o.BridgeSilent <= 0 {
		return nil
	}
	g, err := o.MeshGraph()
	if err != nil {
		m.logErr(now, "read neighbour graph", err)
		return nil
	}
	byID := map[string]MeshNode{}
	ids := make([]string, 0, len(g.Nodes))
	for _, n := range g.Nodes {
		byID[n.ID] = n
		ids = append(ids, n.ID)
	}
	silent := func(id string) bool {
		n, ok := byID[id]
		return ok && n.Relay && !n.LastActive.IsZero() && now.Sub(n.LastActive) > o.BridgeSilent
	}
	cuts := FindCuts(ids, g.Edges)
	var out []Alert
	for _, v := range cuts.Articulation {
		if !silent(v) {
			continue
		}
		n := byID[v]
		s := Seen{ID: v, Name: n.Name, LastSeen: n.LastActive}
		lost := cuts.CutOff[v]
		out = append(out, Alert{Kind: KindBridgeSilent, Subject: v, Name: n.Name,
			Message: fmt.Sprintf("bridge repeater %s silent: %s (limit %s); %d nodes depend on it: %s",
				label(s), lastHeard(s, now), o.BridgeSilent, len(lost), names(lost, byID))})
	}
	if a, ok := splitAlert(cuts.Components, g.Edges, silent, byID); ok {
		out = append(out, a)
	}
	return out
}

// splitAlert counts, per component of the full graph, the pieces left once the silent
// relays are removed; any component in two or more pieces is a split.
func splitAlert(comps [][]string, edges [][2]string, silent func(string) bool, byID map[string]MeshNode) (Alert, bool) {
	var live []string
	var gone []string
	for _, c := range comps {
		for _, v := range c {
			if silent(v) {
				gone = append(gone, v)
			} else {
				live = append(live, v)
			}
		}
	}
	if len(gone) == 0 {
		return Alert{}, false
	}
	var liveEdges [][2]string
	for _, ed := range edges {
		if !silent(ed[0]) && !silent(ed[1]) {
			liveEdges = append(liveEdges, ed)
		}
	}
	after := FindCuts(live, liveEdges).Components
	// A component whose every node is silent disappears rather than splits.
	whole := 0
	for _, c := range comps {
		for _, v := range c {
			if !silent(v) {
				whole++
				break
			}
		}
	}
	if len(after) <= whole {
		return Alert{}, false
	}
	sort.Strings(gone)
	return Alert{Kind: KindMeshSplit, Subject: "mesh",
		Message: fmt.Sprintf("the mesh is in %d parts instead of %d while %d relays are silent: %s",
			len(after), whole, len(gone), names(gone, byID))}, true
}

// names lists nodes by name (key when unnamed), at most maxNamed of them.
func names(ids []string, byID map[string]MeshNode) string {
	var parts []string
	for i, id := range ids {
		if i == maxNamed {
			parts = append(parts, fmt.Sprintf("and %d more", len(ids)-maxNamed))
			break
		}
		if n := byID[id].Name; n != "" {
			parts = append(parts, fmt.Sprintf("%q", n))
		} else {
			parts = append(parts, id)
		}
	}
	return strings.Join(parts, ", ")
}
