package main

import (
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
)

// seenStore overrides the two reads the alert adapter uses; other methods are not called.
type seenStore struct {
	api.Store
	obs   []api.ObserverRow
	nodes []api.NodeRow
}

func (s seenStore) Observers() ([]api.ObserverRow, error) { return s.obs, nil }
func (s seenStore) Nodes() ([]api.NodeRow, error)         { return s.nodes, nil }

func ptr(s string) *string { return &s }

func TestAlertInputs_ObserversAndNodes(t *testing.T) {
	st := seenStore{
		obs: []api.ObserverRow{{ID: "Obs1", Name: ptr("Hill"), LastSeen: ptr("2026-05-17T18:13:27Z")},
			{ID: "gone", Inactive: true}, {ID: "BANNED"}, {ID: "odd", LastSeen: ptr("yesterday")}},
		nodes: []api.NodeRow{{PublicKey: "AABB", Name: ptr("Base"), LastSeen: ptr("2026-05-17 10:31:54")}, {PublicKey: "ccdd"}},
	}
	obs, err := observersSeen(st, []string{" banned "})
	if err != nil {
		t.Fatal(err)
	}
	if len(obs) != 2 || obs[0].ID != "Obs1" || obs[0].Name != "Hill" || !obs[0].LastSeen.Equal(time.Date(2026, 5, 17, 18, 13, 27, 0, time.UTC)) {
		t.Fatalf("observers: %+v", obs)
	}
	if !obs[1].LastSeen.IsZero() {
		t.Fatalf("unparseable last_seen should read as never: %+v", obs[1])
	}
	nodes, err := nodesSeen(st, []string{"aabb", "EEFF"})
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 1 || nodes[0].ID != "aabb" || nodes[0].LastSeen.Hour() != 10 {
		t.Fatalf("nodes: %+v", nodes)
	}
}
