package ingest

import (
	"context"
	"fmt"
	"os"
	"time"
)

// heartbeatLoop commits the ingestor_heartbeat row at Open and then every
// HeartbeatInterval, through the writer like any other job, so the row's age shows that
// this process is alive and its writer commits. It runs apart from the scheduler, whose
// retention passes can keep it busy for minutes.
func (in *Ingester) heartbeatLoop(ctx context.Context) {
	defer in.wg.Done()
	started := in.opts.Now()
	t := time.NewTicker(in.opts.HeartbeatInterval)
	defer t.Stop()
	failed := false
	for {
		err := in.submitJob(ctx, "heartbeat", func(ctx context.Context) error { return in.beat(ctx, started) })
		switch {
		case ctx.Err() != nil:
			return
		case err != nil && !failed:
			in.log.Warn("ingestor heartbeat not committed", "err", err)
		case err == nil && failed:
			in.log.Info("ingestor heartbeat committed again")
		}
		failed = err != nil
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// beat upserts the single heartbeat row. It is bookkeeping, so it does not count as a
// WAL commit (the writer-stalled check watches those).
func (in *Ingester) beat(ctx context.Context, started time.Time) error {
	_, err := in.db.ExecContext(ctx, `INSERT INTO ingestor_heartbeat (id, beat_unix_ms, started_unix_ms, pid) VALUES (1, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET beat_unix_ms = excluded.beat_unix_ms, started_unix_ms = excluded.started_unix_ms, pid = excluded.pid`,
		in.opts.Now().UnixMilli(), started.UnixMilli(), os.Getpid())
	if err != nil {
		return fmt.Errorf("write heartbeat: %w", err)
	}
	return nil
}
