package main

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/store"
	"github.com/corescope/corescope/internal/testutil"
)

// runOpenStore runs openStore to its end over the database at path and reports which
// of its two outcomes it took and whether the process was settled.
func runOpenStore(t *testing.T, path string) (loadedCalls, failCalls int32, settled bool) {
	t.Helper()
	ro, err := schema.OpenReadOnly(context.Background(), path, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	st := store.New(ro, store.DefaultOptions())
	graph := analytics.NewNeighborGraph(st, analytics.Options{})
	t.Cleanup(storeCloser(st, graph, slog.New(slog.NewTextHandler(io.Discard, nil))))
	ready := &readiness{StoreView: api.NewStoreView(st, graph)}
	var l, f atomic.Int32
	openStore(t.Context(), ro, st, graph, ready, slog.New(slog.NewTextHandler(io.Discard, nil)),
		func() { l.Add(1) }, func() { f.Add(1) })
	return l.Load(), f.Load(), ready.settled.Load()
}

// A store whose load completes settles the process and runs loaded once, fail never.
func TestOpenStore_LoadedSettles(t *testing.T) {
	path := testutil.CopyFixture(t)
	testutil.OpenMigrated(t, path).Close()
	loaded, failed, settled := runOpenStore(t, path)
	if loaded != 1 || failed != 0 || !settled {
		t.Errorf("loaded=%d failed=%d settled=%v, want 1 0 true", loaded, failed, settled)
	}
}

// A store whose load fails (a transmission row that cannot be scanned) runs fail once
// and never settles.
func TestOpenStore_FailedLoadFails(t *testing.T) {
	path := testutil.CopyFixture(t)
	rw := testutil.OpenMigrated(t, path)
	if _, err := rw.Exec(`UPDATE transmissions SET route_type = 'not-a-number' WHERE id = (SELECT max(id) FROM transmissions)`); err != nil {
		t.Fatal(err)
	}
	rw.Close()
	loaded, failed, settled := runOpenStore(t, path)
	if loaded != 0 || failed != 1 || settled {
		t.Errorf("loaded=%d failed=%d settled=%v, want 0 1 false", loaded, failed, settled)
	}
}
