package ingest

import (
	"context"
	"fmt"
	"time"
)

// retentionBatch bounds every delete so the writer is never held for long.
const retentionBatch = 500

// runRetention runs every retention rule in bounded batches, each batch its own job so
// MQTT batches interleave, then an incremental vacuum.
func (in *Ingester) runRetention(ctx context.Context) {
	now := in.opts.Now().UTC()
	cut := func(days int) string { return now.AddDate(0, 0, -days).Format(time.RFC3339) }
	r := in.opts.Retention
	type rule struct {
		name, q string
		arg     any
	}
	var rules []rule
	if r.PacketDays > 0 {
		rules = append(rules, rule{"prune_packets", "", cut(r.PacketDays)})
	}
	if r.NodeDays > 0 {
		rules = append(rules, rule{"prune_nodes", "", cut(r.NodeDays)})
	}
	if r.ObserverDays > 0 {
		rules = append(rules, rule{"prune_observers", `UPDATE observers SET inactive = 1
			WHERE rowid IN (SELECT rowid FROM observers WHERE last_seen < ? AND COALESCE(inactive, 0) = 0 LIMIT 500)`, cut(r.ObserverDays)})
	}
	if r.MetricsDays > 0 {
		rules = append(rules,
			rule{"prune_metrics", `DELETE FROM observer_metrics WHERE rowid IN
				(SELECT rowid FROM observer_metrics WHERE timestamp < ? LIMIT 500)`, cut(r.MetricsDays)},
			rule{"prune_metrics", `DELETE FROM dropped_packets WHERE id IN
				(SELECT id FROM dropped_packets WHERE dropped_at < ? LIMIT 500)`, now.AddDate(0, 0, -r.MetricsDays).Format("2006-01-02 15:04:05")})
	}
	if r.ClientRxDays > 0 {
		rules = append(rules,
			rule{"prune_client_receptions", `DELETE FROM client_receptions WHERE id IN
				(SELECT id FROM client_receptions WHERE rx_at < ? LIMIT 500)`, cut(r.ClientRxDays)},
			rule{"prune_client_receptions", `DELETE FROM client_observers WHERE rowid IN
				(SELECT rowid FROM client_observers WHERE last_seen < ? LIMIT 500)`, cut(r.ClientRxDays)})
	}
	if r.NeighborEdgeDays > 0 {
		rules = append(rules, rule{"prune_edges", `DELETE FROM neighbor_edges WHERE rowid IN
			(SELECT rowid FROM neighbor_edges WHERE last_seen < ? LIMIT 500)`, cut(r.NeighborEdgeDays)})
	}
	for _, ru := range rules {
		for ctx.Err() == nil {
			var n int64
			err := in.submitJob(ctx, ru.name, func(ctx context.Context) error {
				var err error
				switch ru.name {
				case "prune_packets":
					n, err = in.prunePackets(ctx, ru.arg.(string))
				case "prune_nodes":
					n, err = in.pruneNodes(ctx, ru.arg.(string))
				default:
					n, err = in.execCount(ctx, ru.q, ru.arg)
				}
				return err
			})
			if err != nil || n < retentionBatch {
				break
			}
		}
	}
	in.incrementalVacuum(ctx)
}

func (in *Ingester) execCount(ctx context.Context, q string, args ...any) (int64, error) {
	res, err := in.db.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	in.counters.walCommits.Add(1)
	return res.RowsAffected()
}

// prunePackets deletes up to one batch of transmissions first seen before cutoff,
// observations first (foreign keys).
func (in *Ingester) prunePackets(ctx context.Context, cutoff string) (int64, error) {
	tx, err := in.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	sel := `SELECT id FROM transmissions WHERE first_seen < ? ORDER BY id LIMIT 500`
	if _, err := tx.ExecContext(ctx, `DELETE FROM observations WHERE transmission_id IN (`+sel+`)`, cutoff); err != nil {
		return 0, fmt.Errorf("prune observations: %w", err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM transmissions WHERE id IN (`+sel+`)`, cutoff)
	if err != nil {
		return 0, fmt.Errorf("prune transmissions: %w", err)
	}
	n, _ := res.RowsAffected()
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	if n > 0 {
		in.resetHashCache()
	}
	in.counters.walCommits.Add(1)
	return n, nil
}

// pruneNodes moves up to one batch of stale nodes into inactive_nodes.
func (in *Ingester) pruneNodes(ctx context.Context, cutoff string) (int64, error) {
	tx, err := in.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	sel := `SELECT public_key FROM nodes WHERE last_seen < ? LIMIT 500`
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO inactive_nodes SELECT * FROM nodes WHERE public_key IN (`+sel+`)`, cutoff); err != nil {
		return 0, fmt.Errorf("copy stale nodes: %w", err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE public_key IN (`+sel+`)`, cutoff)
	if err != nil {
		return 0, fmt.Errorf("delete stale nodes: %w", err)
	}
	n, _ := res.RowsAffected()
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	in.counters.walCommits.Add(1)
	return n, nil
}
