package analytics_test

import (
	"context"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/store"
	"github.com/corescope/corescope/internal/testutil"
)

// An external test package: internal/testutil imports internal/api, which imports
// this package.

func TestNeighborGraph_OverFixtureStore(t *testing.T) {
	path := testutil.CopyFixture(t)
	testutil.OpenMigrated(t, path).Close()
	db, err := schema.OpenReadOnly(context.Background(), path, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := store.New(db, store.Options{})
	if err := s.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	for st, _ := s.LoadStatus(); st == "loading"; st, _ = s.LoadStatus() {
		time.Sleep(5 * time.Millisecond)
	}
	n := analytics.NewNeighborGraph(s, analytics.Options{Interval: time.Hour})
	if err := n.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for n.Snapshot() == nil && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	g := n.Snapshot()
	if g == nil || len(g.Edges) == 0 {
		t.Fatal("no edges from the fixture")
	}
	for _, e := range g.Edges {
		if e.A >= e.B || e.Count < 1 || e.Score <= 0 || e.Score > 1 || len(e.Observers) == 0 {
			t.Fatalf("edge %+v", e)
		}
	}
	if err := n.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}
