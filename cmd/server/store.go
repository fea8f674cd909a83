package main

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/schema"
)

// openStore waits for the database file and the ingestor's schema, then starts the
// in-memory store's load. A store that cannot start stops the process (fail).
func openStore(ctx context.Context, db *sql.DB, store *api.MemStore, log *slog.Logger, fail func()) {
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
	if err := store.Open(ctx); err != nil {
		log.Error("open packet store", "err", err)
		fail()
	}
}
