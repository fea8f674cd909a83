package main

import (
	"context"
	"database/sql"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/corescope/corescope/internal/analytics"
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

// openStore waits for the database file and the ingestor's schema, then starts the
// in-memory store's load; once loaded, the neighbour graph starts rebuilding. A store
// that cannot start stops the process (fail).
func openStore(ctx context.Context, db *sql.DB, st *store.Store, graph *analytics.NeighborGraph, log *slog.Logger, fail func()) {
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
	if err := schema.WaitReady(ctx, db, 2*time.Second, func(err error) {
		log.Warn("database not ready; waiting for the ingestor's migrations", "err", err)
	}); err != nil {
		if ctx.Err() == nil {
			log.Error("wait for schema", "err", err)
			fail()
		}
		return
	}
	if err := st.Open(ctx); err != nil {
		log.Error("open packet store", "err", err)
		fail()
		return
	}
	// The first graph build scans every observation, so it waits for the full load.
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		switch state, _ := st.LoadStatus(); state {
		case "ready":
			// The load's garbage (SQL rows, grown slices) is returned to the OS at once
			// rather than by the background scavenger over minutes.
			debug.FreeOSMemory()
			if err := graph.Open(ctx); err != nil {
				log.Error("open neighbor graph", "err", err)
			}
			return
		case "failed":
			fail()
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
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
