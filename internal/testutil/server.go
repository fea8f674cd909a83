package testutil

import (
	"context"
	"database/sql"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/live"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/store"
)

// TestServer is a running API server over a private copy of the fixture database.
type TestServer struct {
	// URL is the base URL of the httptest server (http://127.0.0.1:port).
	URL string
	// DBPath is the fixture copy; WriterDB is a migrated read-write handle on it so tests
	// can add rows the store then follows.
	DBPath   string
	WriterDB *sql.DB
	Server   *api.Server
	Hub      *live.Hub
	Store    *api.StoreView
}

// NewTestServer wires the server as cmd/server does: the fixture copy (migrated) opened
// read-only, the in-memory store loaded before it returns, followed observations broadcast to a
// live hub, and api.New behind an httptest server. mod may adjust the options.
// Everything is closed at cleanup.
func NewTestServer(t testing.TB, mod func(*api.Options)) *TestServer {
	t.Helper()
	return NewTestServerAt(t, CopyFixture(t), mod)
}

// NewTestServerAt is NewTestServer over the database at path (e.g. one the simulator
// wrote) instead of a fixture copy.
func NewTestServerAt(t testing.TB, path string, mod func(*api.Options)) *TestServer {
	t.Helper()
	return NewTestServerLive(t, path, live.Options{}, api.ResumeBound{MaxFrames: 5000}, mod)
}

// NewTestServerLive is NewTestServerAt with the hub's options (e.g. a small queue) and
// the WebSocket resume bound given.
func NewTestServerLive(t testing.TB, path string, hopts live.Options, resume api.ResumeBound, mod func(*api.Options)) *TestServer {
	t.Helper()
	ctx := context.Background()
	writer := OpenMigrated(t, path)
	db, err := schema.OpenReadOnly(ctx, path, 4)
	if err != nil {
		t.Fatalf("open read-only: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	hub := live.New(hopts)
	st := store.New(db, store.Options{PollInterval: 50 * time.Millisecond, TablesInterval: 100 * time.Millisecond})
	events, _ := st.Subscribe(1024)
	go api.ForwardEvents(events, hub)
	hub.SetReplay(api.Replayer(st, resume))
	if err := st.Open(ctx); err != nil {
		t.Fatalf("open store: %v", err)
	}
	select {
	case <-st.Loaded():
	case <-time.After(30 * time.Second):
		t.Fatal("store load did not finish")
	}
	if err := st.LoadErr(); err != nil {
		t.Fatalf("store load: %v", err)
	}
	graph := analytics.NewNeighborGraph(st, analytics.Options{})
	if err := graph.Rebuild(); err != nil {
		t.Fatalf("build neighbor graph: %v", err)
	}
	view := api.NewStoreView(st, graph)
	opts := api.Options{Store: view, Ready: view, DB: db, DBPath: path, Hub: hub}
	if mod != nil {
		mod(&opts)
	}
	srv := api.New(opts)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		st.Close(ctx)
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		hub.Close(cctx)
		hs.Close()
	})
	return &TestServer{URL: hs.URL, DBPath: path, WriterDB: writer, Server: srv, Hub: hub, Store: view}
}
