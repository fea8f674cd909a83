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
	// can add rows the live feed then picks up.
	DBPath   string
	WriterDB *sql.DB
	Server   *api.Server
	Hub      *live.Hub
	Store    *api.DBStore
}

// NewTestServer copies and migrates the fixture DB, opens it read-only as the server does,
// and serves api.New over it with a live hub and feed. mod may adjust the options.
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
	store := api.NewDBStore(db)
	feed := api.NewFeed(store, hub, 50*time.Millisecond, nil)
	if err := feed.Open(ctx); err != nil {
		t.Fatalf("open feed: %v", err)
	}
	opts := api.Options{Store: store, DB: db, DBPath: path, Hub: hub}
	if mod != nil {
		mod(&opts)
	}
	srv := api.New(opts)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		feed.Close()
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		hub.Close(cctx)
		hs.Close()
	})
	return &TestServer{URL: hs.URL, DBPath: path, WriterDB: writer, Server: srv, Hub: hub, Store: store}
}
