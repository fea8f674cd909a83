package alerts

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestMeshAlerts_BridgeSilentFiresOnceAndClears: on a hand-drawn mesh
//
//	r1 ─ r2 ─ r3 ─ c4      r2 and r3 are cut vertices (r3 hangs companion c4;
//	 \   /                 r2 joins the triangle to r3, c4);
//	  r0
//
// a silent companion or a silent non-cut relay raises nothing; r3 going silent raises
// bridge_silent naming c4 and mesh_split, exactly once over many ticks, and both
// resolve when r3 is heard again.
func TestMeshAlerts_BridgeSilentFiresOnceAndClears(t *testing.T) {
	rcv := newReceiver(t)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	active := map[string]time.Time{"r0": now, "r1": now, "r2": now, "r3": now, "c4": now}
	graph := func() (MeshGraph, error) {
		g := MeshGraph{Edges: [][2]string{{"r0", "r1"}, {"r1", "r2"}, {"r2", "r0"}, {"r2", "r3"}, {"r3", "c4"}}}
		for _, id := range []string{"r0", "r1", "r2", "r3", "c4"} {
			g.Nodes = append(g.Nodes, MeshNode{ID: id, Name: "Node " + id, Relay: id[0] == 'r', LastActive: active[id]})
		}
		return g, nil
	}
	m := New(Options{Webhooks: []string{rcv.srv.URL}, BridgeSilent: 2 * time.Hour, MeshGraph: graph,
		Now: func() time.Time { return now }})
	ctx := context.Background()
	m.Tick(ctx)
	if evs := rcv.take(); len(evs) != 0 {
		t.Fatalf("healthy mesh: %s", summary(evs))
	}
	// The companion sleeps and r0 (in the triangle, not a cut vertex) goes quiet: no alert.
	now = now.Add(3 * time.Hour)
	for id := range active {
		if id != "c4" && id != "r0" {
			active[id] = now
		}
	}
	m.Tick(ctx)
	if evs := rcv.take(); len(evs) != 0 {
		t.Fatalf("silent companion and non-cut relay: %s", summary(evs))
	}
	active["r0"], active["c4"] = now, now
	// r3 stops: 2 h is the limit, so 1 h later nothing, 3 h later both alerts, once.
	silentFrom := now
	for i := 1; i <= 6; i++ {
		now = silentFrom.Add(time.Duration(i) * time.Hour)
		for id := range active {
			if id != "r3" && id != "c4" {
				active[id] = now
			}
		}
		m.Tick(ctx)
	}
	evs := rcv.take()
	if got := summary(evs); got != "firing bridge_silent r3; firing mesh_split mesh" {
		t.Fatalf("r3 silent: got %s", got)
	}
	if !strings.Contains(evs[0].Message, `1 nodes depend on it: "Node c4"`) {
		t.Errorf("bridge message does not name the cut-off node: %s", evs[0].Message)
	}
	if !strings.Contains(evs[1].Message, "2 parts instead of 1") {
		t.Errorf("split message: %s", evs[1].Message)
	}
	if m.Firing() != 2 {
		t.Errorf("Firing() = %d, want 2", m.Firing())
	}
	active["r3"] = now
	m.Tick(ctx)
	if got := summary(rcv.take()); got != "resolved bridge_silent r3; resolved mesh_split mesh" &&
		got != "resolved mesh_split mesh; resolved bridge_silent r3" {
		t.Fatalf("r3 back: got %s", got)
	}
}

// TestMeshAlerts_SilentCompanionCutVertexIgnored: a companion joining two relays is a
// cut vertex, but companions are not relays and their silence is normal.
func TestMeshAlerts_SilentCompanionCutVertexIgnored(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	m := New(Options{BridgeSilent: time.Hour, Now: func() time.Time { return now },
		MeshGraph: func() (MeshGraph, error) {
			return MeshGraph{Edges: [][2]string{{"a", "c"}, {"c", "b"}}, Nodes: []MeshNode{
				{ID: "a", Relay: true, LastActive: now}, {ID: "b", Relay: true, LastActive: now},
				{ID: "c", LastActive: now.Add(-24 * time.Hour)}}}, nil
		}})
	if got := m.Evaluate(now); len(got) != 0 {
		t.Fatalf("alerts on a silent companion: %+v", got)
	}
}
