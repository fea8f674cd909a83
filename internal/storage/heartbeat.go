package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Heartbeat is the ingestor's liveness row (table ingestor_heartbeat).
type Heartbeat struct {
	// Beat is when the ingestor's writer last committed the row.
	Beat time.Time
	// Started is when that ingestor process started.
	Started time.Time
	// PID is that process's id.
	PID int64
}

// IngestorHeartbeat reads the heartbeat row. found is false when the table does not
// exist yet (a database the ingestor has not migrated) or holds no row (no ingestor of
// this version has run on it); neither is an error.
func IngestorHeartbeat(ctx context.Context, db *sql.DB) (hb Heartbeat, found bool, err error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'ingestor_heartbeat'`).Scan(&n); err != nil {
		return hb, false, fmt.Errorf("look up heartbeat table: %w", err)
	}
	if n == 0 {
		return hb, false, nil
	}
	var beat, started int64
	err = db.QueryRowContext(ctx, `SELECT beat_unix_ms, started_unix_ms, pid FROM ingestor_heartbeat WHERE id = 1`).Scan(&beat, &started, &hb.PID)
	if errors.Is(err, sql.ErrNoRows) {
		return hb, false, nil
	}
	if err != nil {
		return hb, false, fmt.Errorf("read heartbeat: %w", err)
	}
	hb.Beat, hb.Started = time.UnixMilli(beat), time.UnixMilli(started)
	return hb, true, nil
}
