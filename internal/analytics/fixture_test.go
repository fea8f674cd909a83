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
	select {
	case <-s.Loaded():
	case <-time.After(30 * time.Second):
		t.Fatal("store load did not finish")
	}
	if err := s.LoadErr(); err != nil {
		t.Fatalf("store load: %v", err)
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

// TestNeighborGraph_RebuildsOnlyOnIngest runs the graph's loop over the real store
// following a real SQLite file: no rebuild while nothing is written, a rebuild (and a
// Changed signal) after a committed row, debounced.
func TestNeighborGraph_RebuildsOnlyOnIngest(t *testing.T) {
	path := testutil.CopyFixture(t)
	w := testutil.OpenMigrated(t, path)
	db, err := schema.OpenReadOnly(context.Background(), path, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := store.New(db, store.Options{PollInterval: 20 * time.Millisecond, TablesInterval: 50 * time.Millisecond})
	if err := s.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	select {
	case <-s.Loaded():
	case <-time.After(30 * time.Second):
		t.Fatal("store load did not finish")
	}
	if err := s.LoadErr(); err != nil {
		t.Fatalf("store load: %v", err)
	}
	debounce := 200 * time.Millisecond
	n := analytics.NewNeighborGraph(s, analytics.Options{Debounce: debounce, Check: 10 * time.Millisecond})
	changed := n.Changed()
	if err := n.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer n.Close(context.Background())
	select {
	case <-changed:
	case <-time.After(20 * time.Second):
		t.Fatal("no first build")
	}
	first, changed := n.Snapshot(), n.Changed()
	time.Sleep(5 * debounce)
	if n.Snapshot() != first {
		t.Fatal("rebuilt although nothing was written")
	}
	now := time.Now().UTC()
	if _, err := w.Exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type, decoded_json)
		VALUES ('0A00', 'f0110000000000b2', ?, 1, 2, '{}')`, now.Format("2006-01-02T15:04:05.000Z")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Exec(`INSERT INTO observations (transmission_id, observer_idx, snr, rssi, path_json, timestamp)
		VALUES ((SELECT id FROM transmissions WHERE hash = 'f0110000000000b2'), (SELECT min(rowid) FROM observers), 1.5, -100, '[]', ?)`, now.Unix()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changed:
	case <-time.After(20 * time.Second):
		t.Fatal("no rebuild after a committed row")
	}
	second := n.Snapshot()
	if second == first {
		t.Fatal("Changed closed without a new snapshot")
	}
	time.Sleep(5 * debounce)
	if n.Snapshot() != second {
		t.Fatal("rebuilt again without new rows")
	}
}
