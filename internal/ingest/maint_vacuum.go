package ingest

import (
	"context"
	"fmt"
)

// incrementalVacuum returns up to IncrementalVacuumPages free pages to the filesystem
// after a retention pass (0 disables). Never a full VACUUM: that may renumber observer
// rowids (storage spec §9.2).
func (in *Ingester) incrementalVacuum(ctx context.Context) {
	if in.opts.IncrementalVacuumPages <= 0 || ctx.Err() != nil {
		return
	}
	in.submitJob(ctx, "vacuum", func(ctx context.Context) error {
		_, err := in.db.ExecContext(ctx, fmt.Sprintf("PRAGMA incremental_vacuum(%d)", in.opts.IncrementalVacuumPages))
		return err
	})
}
