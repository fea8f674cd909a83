package api

import (
	"context"
	"database/sql"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/store"
)

// newFixtureAtClock serves the migrated fixture with the clock (and the neighbour graph's
// build time) at now, the way the parity figures were measured: the fixture's
// timestamps lying just before "now" (parity.md, intro).
func newFixtureAtClock(t *testing.T, now time.Time) *fixture {
	t.Helper()
	path := migratedFixture(t)
	db, err := schema.OpenReadOnly(context.Background(), path, 4)
	if err != nil {
		t.Fatalf("open read-only: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	st := store.New(db, store.Options{PollInterval: 50 * time.Millisecond, TablesInterval: 100 * time.Millisecond})
	if err := st.Open(context.Background()); err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		st.Close(ctx)
	})
	select {
	case <-st.Loaded():
	case <-time.After(30 * time.Second):
		t.Fatal("store load did not finish")
	}
	if err := st.LoadErr(); err != nil {
		t.Fatalf("store load: %v", err)
	}
	graph := analytics.NewNeighborGraph(st, analytics.Options{Now: func() time.Time { return now }})
	if err := graph.Rebuild(); err != nil {
		t.Fatalf("build neighbor graph: %v", err)
	}
	view := NewStoreView(st, graph)
	f := &fixture{dbPath: path, store: view}
	f.api = New(Options{Store: view, Ready: view, DB: db, DBPath: path, Now: func() time.Time { return now }})
	f.srv = httptest.NewServer(f.api.Handler())
	t.Cleanup(f.srv.Close)
	return f
}

// fixtureRows runs a query on the fixture copy (the independent side of a parity test).
func fixtureRows(t *testing.T, path, q string, scan func(r *sql.Rows) error) {
	t.Helper()
	db, err := sql.Open("sqlite", schema.ReaderDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			t.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
