package ingest

import (
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

// Stats fills the write-side part of the 1 Hz stats file (statsfile.Snapshot; the
// caller adds procIO and MQTT source state): tx_inserted, obs_inserted, tx_dupes,
// obs_dupes, node_upserts, observer_upserts, write_errors, sig_drops, walCommits,
// groupCommitFlushes, backfillUpdates, queue_depth/queue_capacity/queue_drops,
// bad_input (per kind, plus filtered_<reason>), commit_latency_ms (receipt → commit)
// and writer_perf per component.
func (in *Ingester) Stats(now time.Time) *statsfile.Snapshot {
	c := &in.counters
	s := &statsfile.Snapshot{
		SampledAt:          now.UTC().Format(time.RFC3339),
		TxInserted:         c.txInserted.Load(),
		ObsInserted:        c.obsInserted.Load(),
		TxDupes:            c.txDupes.Load(),
		ObsDupes:           c.obsDupes.Load(),
		NodeUpserts:        c.nodeUpserts.Load(),
		ObserverUpserts:    c.observerUpserts.Load(),
		WriteErrors:        c.writeErrors.Load(),
		SigDrops:           c.sigDrops.Load(),
		WALCommits:         c.walCommits.Load(),
		GroupCommitFlushes: c.groupFlushes.Load(),
		BackfillUpdates:    copyMap(&c.mu, c.backfills),
		QueueDepth:         int64(len(in.queue)),
		QueueCapacity:      int64(cap(in.queue)),
		QueueDrops:         c.queueDrops.Load(),
		DiskFull:           in.diskFull.snapshot(),
		DiskFullRetries:    c.diskFullRetries.Load(),
		BadInput:           in.bad.snapshot(),
		WriterPerf:         in.perf.snapshot(),
	}
	for k, v := range copyMap(&c.mu, c.filters) {
		s.BadInput["filtered_"+k] = v
	}
	if p := in.latency.percentiles(); p.Count > 0 {
		s.CommitLatencyMs = &p
	}
	return s
}
