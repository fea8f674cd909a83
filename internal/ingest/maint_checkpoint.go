package ingest

import (
	"context"
	"fmt"
)

// checkpoint runs PRAGMA wal_checkpoint(mode) and logs busy results.
func (in *Ingester) checkpoint(ctx context.Context, mode string) error {
	var busy, logFrames, done int64
	if err := in.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint("+mode+")").Scan(&busy, &logFrames, &done); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	if busy != 0 {
		in.log.Info("wal checkpoint incomplete (readers active)", "frames", logFrames, "checkpointed", done)
	}
	return nil
}
