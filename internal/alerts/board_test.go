package alerts

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestBoard_AckMutePersistAndResolve: a silent claimed node fires; its acknowledgement
// and a mute of the observer rule survive a restart through the side file; a muted rule
// is listed but sends no webhook; a resolved alert moves to the recent list.
func TestBoard_AckMutePersistAndResolve(t *testing.T) {
	rcv := newReceiver(t)
	state := filepath.Join(t.TempDir(), "alerts-state.json")
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	seen := now.Add(-48 * time.Hour)
	opts := Options{Webhooks: []string{rcv.srv.URL}, StatePath: state, NodeSilent: time.Hour, Nodes: []string{"aa"},
		NodesSeen:       func([]string) ([]Seen, error) { return []Seen{{ID: "aa", Name: "Hill", LastSeen: seen}}, nil },
		ObserverOffline: time.Hour, Observers: func() ([]Seen, error) { return []Seen{{ID: "OBS", LastSeen: now.Add(-2 * time.Hour)}}, nil },
		Now: func() time.Time { return now }}
	m := New(opts)
	ctx := context.Background()
	m.loadState() // what Open does before its loop (the test ticks by hand)
	if err := m.Mute(KindObserverOffline, true); err != nil {
		t.Fatal(err)
	}
	if err := m.Mute("no_such_rule", true); !errors.Is(err, ErrUnknown) {
		t.Fatalf("mute of an unknown rule: %v", err)
	}
	m.Tick(ctx)
	if got := summary(rcv.take()); got != "firing node_silent aa" {
		t.Fatalf("muted observer rule still sent, or node missing: %s", got)
	}
	if err := m.Ack(KindNodeSilent, "aa"); err != nil {
		t.Fatal(err)
	}
	if err := m.Ack(KindNodeSilent, "zz"); !errors.Is(err, ErrUnknown) {
		t.Fatalf("ack of no alert: %v", err)
	}
	b := m.Board()
	if len(b) != 2 || !b[1].Muted || b[1].Kind != KindObserverOffline || !b[0].Acked || b[0].Status != "firing" {
		t.Fatalf("board: %+v", b)
	}
	// Restart: a new manager reads the side file; the same episode is still acked once it
	// is found again with the same start (the state keeps the episode's start).
	if _, err := os.Stat(state); err != nil {
		t.Fatal(err)
	}
	m2 := New(opts)
	m2.loadState()
	if !m2.Muted()[KindObserverOffline] || m2.state.Acked["node_silent\x00aa"] != stamp(now) {
		t.Fatalf("state after restart: %+v", m2.state)
	}
	// The node is heard: resolved goes out, the board lists it as recent, ack forgotten.
	seen = now
	now = now.Add(time.Minute)
	m.Tick(ctx)
	if got := summary(rcv.take()); got != "resolved node_silent aa" {
		t.Fatalf("resolve: %s", got)
	}
	b = m.Board()
	if len(b) != 2 || b[1].Status != "resolved" || !b[1].Acked || b[1].Resolved != now {
		t.Fatalf("board after resolve: %+v", b)
	}
	if _, ok := m.state.Acked["node_silent\x00aa"]; ok {
		t.Fatal("acknowledgement kept after the episode ended")
	}
}

// TestBoard_BadStateFileIgnored: a corrupt side file starts empty instead of failing.
func TestBoard_BadStateFileIgnored(t *testing.T) {
	state := filepath.Join(t.TempDir(), "alerts-state.json")
	if err := os.WriteFile(state, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := New(Options{StatePath: state})
	m.loadState()
	if len(m.state.Muted) != 0 || m.state.Acked == nil {
		t.Fatalf("state: %+v", m.state)
	}
}
