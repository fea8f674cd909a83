package alerts

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestNodeChanges_RenameMoveFireOnceAndClear: the first evaluation is the baseline; a
// rename and a 5.6 km move (0.05° of latitude, 111.2 km per degree) fire once each and
// resolve after the 24 h hold; a 1.1 km move (0.01°) stays under the 2 km limit.
func TestNodeChanges_RenameMoveFireOnceAndClear(t *testing.T) {
	rcv := newReceiver(t)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	old := now.Add(-30 * 24 * time.Hour)
	nodes := []NodeFact{
		{Key: "AA11", Name: "Hill", Relay: true, HasPos: true, Lat: 37.0, Lon: -122.0, FirstSeen: old},
		{Key: "BB22", Name: "Vale", Relay: true, HasPos: true, Lat: 37.5, Lon: -122.0, FirstSeen: old},
	}
	m := New(Options{Webhooks: []string{rcv.srv.URL}, NodeChangeHold: 24 * time.Hour, NodeMovedKm: 2,
		NodeFacts: func() ([]NodeFact, error) { return append([]NodeFact(nil), nodes...), nil },
		Now:       func() time.Time { return now }})
	ctx := context.Background()
	m.Tick(ctx)
	if evs := rcv.take(); len(evs) != 0 {
		t.Fatalf("baseline: %s", summary(evs))
	}
	now = now.Add(time.Hour)
	nodes[0].Name = "Hill <b>2</b>"
	nodes[1].Lat += 0.01
	m.Tick(ctx)
	evs := rcv.take()
	if summary(evs) != "firing node_renamed aa11" || !strings.Contains(evs[0].Message, `from "Hill" to "Hill <b>2</b>"`) {
		t.Fatalf("rename and small move: %s %v", summary(evs), evs)
	}
	now = now.Add(time.Hour)
	nodes[1].Lat += 0.05
	for range 3 {
		m.Tick(ctx)
		now = now.Add(time.Hour)
	}
	evs = rcv.take()
	if summary(evs) != "firing node_moved bb22" || !strings.Contains(evs[0].Message, "moved 5.6 km") {
		t.Fatalf("5.6 km move: %s %v", summary(evs), evs)
	}
	now = now.Add(20 * time.Hour) // the rename is 25 h old, the move 23 h
	m.Tick(ctx)
	if got := summary(rcv.take()); got != "resolved node_renamed aa11" {
		t.Fatalf("after 24 h: %s", got)
	}
	now = now.Add(2 * time.Hour)
	m.Tick(ctx)
	if got := summary(rcv.take()); got != "resolved node_moved bb22" {
		t.Fatalf("move after 24 h: %s", got)
	}
}

// TestNodeChanges_NewPrefixCollision: relays AA.. (old) and AA.. (first seen 2 h ago)
// collide; an old pair CC../CC.. and a companion sharing BB with an old relay do not
// count; after 24 h the collision is no longer new.
func TestNodeChanges_NewPrefixCollision(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	old := now.Add(-10 * 24 * time.Hour)
	nodes := []NodeFact{
		{Key: "aa01", Name: "Old A", Relay: true, FirstSeen: old},
		{Key: "aa02", Name: "New A", Relay: true, FirstSeen: now.Add(-2 * time.Hour)},
		{Key: "cc01", Relay: true, FirstSeen: old}, {Key: "cc02", Relay: true, FirstSeen: old},
		{Key: "bb01", Relay: true, FirstSeen: old}, {Key: "bb02", FirstSeen: now.Add(-time.Hour)},
	}
	m := New(Options{NodeChangeHold: 24 * time.Hour, NodeFacts: func() ([]NodeFact, error) { return nodes, nil },
		Now: func() time.Time { return now }})
	got := m.Evaluate(now)
	if len(got) != 1 || got[0].Kind != KindPrefixCollision || got[0].Subject != "AA" ||
		!strings.Contains(got[0].Message, `new relay "New A" (aa02) collides with "Old A" (aa01)`) {
		t.Fatalf("collisions: %+v", got)
	}
	if got := m.Evaluate(now.Add(23 * time.Hour)); len(got) != 0 {
		t.Fatalf("a day later: %+v", got)
	}
}
