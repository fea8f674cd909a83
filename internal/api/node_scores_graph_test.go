package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/store"
)

// TestNodeScores_GradeWithheldUntilGraphBuilt serves the fixture before the neighbour
// graph exists: repeaters get usefulness fields but no grade (an all-zero "F" would be a
// boot-time artefact); once the graph is built, the next enrichment grades them.
func TestNodeScores_GradeWithheldUntilGraphBuilt(t *testing.T) {
	path := migratedFixture(t)
	db, err := schema.OpenReadOnly(context.Background(), path, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	st := store.New(db, store.Options{})
	if err := st.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	select {
	case <-st.Loaded():
	case <-time.After(30 * time.Second):
		t.Fatal("store load did not finish")
	}
	if err := st.LoadErr(); err != nil {
		t.Fatalf("store load: %v", err)
	}
	graph := analytics.NewNeighborGraph(st, analytics.Options{})
	view := NewStoreView(st, graph) // not built yet: Snapshot() is nil
	var clock atomic.Int64          // unix seconds; moved forward past the caches' lifetimes below
	clock.Store(time.Date(2026, 5, 17, 19, 13, 27, 0, time.UTC).Unix())
	now := func() time.Time { return time.Unix(clock.Load(), 0).UTC() }
	srv := New(Options{Store: view, Ready: view, DB: db, DBPath: path, Now: now})
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	count := func() (relays, graded int) {
		resp, err := http.Get(hs.URL + "/api/nodes?limit=2000")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct{ Nodes []NodeJSON }
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		for _, n := range body.Nodes {
			if r := strings.ToLower(deref(n.Role)); r == "repeater" || r == "room" {
				if n.UsefulnessScore == nil || n.MultiByteStatus == nil {
					t.Fatalf("%s lacks usefulness_score or multi-byte status", n.PublicKey[:8])
				}
				relays++
				if n.UsefulnessGrade != nil {
					graded++
				}
			}
		}
		return relays, graded
	}
	if relays, graded := count(); relays == 0 || graded != 0 {
		t.Fatalf("before the graph: %d of %d relays graded, want none", graded, relays)
	}
	if err := graph.Rebuild(); err != nil {
		t.Fatal(err)
	}
	// Each poll moves the clock past the response and enrichment caches' lifetimes; the
	// enrichment refills in the background and redoes the axes for the first graph.
	deadline := time.Now().Add(10 * time.Second)
	for {
		clock.Add(60)
		relays, graded := count()
		if graded == relays {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the graph: %d of %d relays graded", graded, relays)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
