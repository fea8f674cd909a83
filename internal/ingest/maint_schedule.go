package ingest

import (
	"context"
	"time"
)

// Maintenance jobs (files maint_*.go) run on the writer between message batches, each
// as a job in small bounded transactions, so they never race the writer for the one
// connection and MQTT batches interleave with them:
//   - neighbour edges accumulated in memory are flushed every NeighborFlushInterval
//     (neighbor_builder, maint_edges.go); the hop prefix index is refreshed every
//     NodeIndexRefresh;
//   - retention (maint_retention.go: packets, nodes → inactive_nodes, observers →
//     inactive, metrics, dropped packets, client receptions, edges) starts
//     RetentionStartDelay after Open and runs every RetentionInterval in batches of 500,
//     followed by an incremental vacuum (maint_vacuum.go);
//   - the WAL is checkpointed (TRUNCATE) 30 s after start, every CheckpointInterval and
//     on Close (maint_checkpoint.go);
//   - geo-prune request files from the server (<db dir>/prune-requests/, formats in
//     internal/sidechannel) are handled every PruneInterval, when the server's
//     geo-filter override is re-read too (maint_geoprune.go, geofilter.go);
//   - legacy stored hashes that differ from the content hash of their raw_hex are
//     repaired once per database at Open (maint_hashrepair.go, marker
//     content_hash_repair_v1).

// scheduler submits background jobs to the writer: edge flush, node-index refresh,
// retention (RetentionStartDelay after start, then every RetentionInterval), and WAL checkpoints (30 s after
// start, then every CheckpointInterval).
func (in *Ingester) scheduler(ctx context.Context) {
	defer in.wg.Done()
	edges := time.NewTicker(in.opts.NeighborFlushInterval)
	nodes := time.NewTicker(in.opts.NodeIndexRefresh)
	retention := time.NewTicker(in.opts.RetentionInterval)
	checkpoint := time.NewTimer(30 * time.Second)
	prune := time.NewTicker(in.opts.PruneInterval)
	defer prune.Stop()
	defer edges.Stop()
	defer nodes.Stop()
	defer retention.Stop()
	defer checkpoint.Stop()
	first := time.NewTimer(in.opts.RetentionStartDelay)
	defer first.Stop()
	for {
		var err error
		select {
		case <-ctx.Done():
			return
		case <-edges.C:
			err = in.submitJob(ctx, "neighbor_builder", in.flushEdges)
		case <-nodes.C:
			err = in.submitJob(ctx, "node_index", func(ctx context.Context) error { return in.res.load(ctx, in.db) })
		case <-prune.C:
			in.reloadGeoFilter()
			err = in.submitJob(ctx, "prune_geo", in.processPruneRequests)
		case <-first.C:
			in.runRetention(ctx)
		case <-retention.C:
			in.runRetention(ctx)
		case <-checkpoint.C:
			err = in.submitJob(ctx, "checkpoint", func(ctx context.Context) error { return in.checkpoint(ctx, "TRUNCATE") })
			checkpoint.Reset(in.opts.CheckpointInterval)
		}
		if err != nil && ctx.Err() == nil {
			in.log.Warn("scheduled job failed", "err", err)
		}
	}
}
