package testutil

import (
	"context"
	"database/sql"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/live"
	"github.com/corescope/corescope/internal/schema"
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
	Store    *api.MemStore
}

// NewTestServer wires the server as cmd/server does: the fixture copy (migrated) opened
// read-only, a MemStore loaded before it returns, followed observations broadcast to a
// live hub, and api.New behind an httptest server. mod may adjust the options.
// Everything is closed at cleanup.
func NewTestServer(t testing.TB, mod func(*api.Options)) *TestServer {
	t.Helper()
	ctx := context.Background()
	path := CopyFixture(t)
	writer := OpenMigrated(t, path)
	db, err := schema.OpenReadOnly(ctx, path, 4)
	if err != nil {
		t.Fatalf("open read-only: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	hub := live.New(live.Options{})
	store := api.NewMemStore(api.NewDBStore(db), api.MemOptions{PollInterval: 50 * time.Millisecond,
		OnObservation: func(tx *api.TxRow, o *api.ObsRow) { hub.Broadcast(api.PacketMessage(tx, o)) }})
	if err := store.Open(ctx); err != nil {
		t.Fatalf("open store: %v", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for _, _, done := store.LoadProgress(); !done; _, _, done = store.LoadProgress() {
		if time.Now().After(deadline) {
			t.Fatal("store load did not finish")
		}
		time.Sleep(5 * time.Millisecond)
	}
	opts := api.Options{Store: store, Ready: store, DB: db, DBPath: path, Hub: hub}
	if mod != nil {
		mod(&opts)
	}
	srv := api.New(opts)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		store.Close()
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		hub.Close(cctx)
		hs.Close()
	})
	return &TestServer{URL: hs.URL, DBPath: path, WriterDB: writer, Server: srv, Hub: hub, Store: store}
}
