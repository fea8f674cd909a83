package main

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/config"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/store"
)

// storeOptions maps config onto the in-memory store.
func storeOptions(cfg *config.Config, poll time.Duration, log *slog.Logger) store.Options {
	o := store.DefaultOptions()
	o.ChunkSize = cfg.DB.Load.ChunkSize
	o.PollInterval = poll
	o.MaxMemoryMB = cfg.PacketStore.MaxMemoryMB
	o.Retention = time.Duration(cfg.PacketStore.RetentionHours * float64(time.Hour))
	o.Logger = log.With("component", "store")
	return o
}

// readiness is the API's readiness gate: the store's load progress, with "done" held
// back until the post-load step (GC target, returning load memory to the OS) ran, so
// /api/healthz turns ready on a settled process.
type readiness struct {
	*api.StoreView
	settled atomic.Bool
	// schemaWait is set while the database exists but the ingestor has not migrated it.
	schemaWait atomic.Bool
}

// WaitingForSchema implements api.SchemaWaiter.
func (r *readiness) WaitingForSchema() bool { return r.schemaWait.Load() }

// LoadProgress implements api.Readiness.
func (r *readiness) LoadProgress() (rows int64, firstChunk, done bool) {
	rows, firstChunk, done = r.StoreView.LoadProgress()
	return rows, firstChunk, done && r.settled.Load()
}

// LoadPercent reports 99 until settled.
func (r *readiness) LoadPercent() int {
	if !r.settled.Load() {
		return min(99, r.StoreView.LoadPercent())
	}
	return 100
}

// openStore waits for the database file and the ingestor's schema, then starts the
// in-memory store's load; once loaded, it settles the process (ready), the neighbour
// graph starts rebuilding and loaded runs (the analytics recomputer). A store that
// cannot start stops the process (fail).
func openStore(ctx context.Context, db *sql.DB, st *store.Store, graph *analytics.NeighborGraph, ready *readiness,
	log *slog.Logger, loaded, fail func()) {
	warned := false
	for {
		err := db.PingContext(ctx)
		if err == nil {
			break
		}
		if !warned {
			log.Warn("database not available yet; retrying", "err", err)
			warned = true
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(2 * time.Second):
		}
	}
	err := schema.WaitReady(ctx, db, 2*time.Second, func(err error) {
		if !ready.schemaWait.Swap(true) {
			log.Warn("database not migrated yet; waiting for the ingestor (or run corescope-ingestor -migrate-only)", "err", err)
		}
	})
	ready.schemaWait.Store(false)
	if err != nil {
		if ctx.Err() == nil {
			log.Error("wait for schema", "err", err)
			fail()
		}
		return
	}
	// The load's garbage is short-lived and the rows it keeps are pointer-free, so a
	// collection is cheap: collecting often while loading keeps the transient peak
	// near the loaded heap instead of twice it.
	tuneGC()
	if err := st.Open(ctx); err != nil {
		log.Error("open packet store", "err", err)
		fail()
		return
	}
	// The first graph build scans every observation, so it waits for the full load.
	select {
	case <-ctx.Done():
		return
	case <-st.Loaded():
	}
	if err := st.LoadErr(); err != nil {
		if ctx.Err() == nil && !errors.Is(err, store.ErrLoadStopped) {
			fail() // the store logged the load error
		}
		return
	}
	// The load's garbage is returned to the OS at once rather than over minutes.
	debug.FreeOSMemory()
	ready.settled.Store(true)
	if err := graph.Open(ctx); err != nil {
		log.Error("open neighbor graph", "err", err)
	}
	loaded()
}

// storeCloser returns a function that stops the graph and the store, bounded in time;
// calls after the first do nothing.
func storeCloser(st *store.Store, graph *analytics.NeighborGraph, log *slog.Logger) func() {
	return sync.OnceFunc(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := graph.Close(ctx); err != nil {
			log.Warn("close neighbor graph", "err", err)
		}
		if err := st.Close(ctx); err != nil {
			log.Warn("close packet store", "err", err)
		}
	})
}
