package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// CountObservationsSince counts the observations with timestamp >= sinceUnix. With
// idx_observations_timestamp (base_indexes_v1; the reference ingestor creates it too)
// this is a covering range scan over the window only; without it, a full scan: slower,
// still correct.
func CountObservationsSince(ctx context.Context, db *sql.DB, sinceUnix int64) (int64, error) {
	var n int64
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM observations WHERE timestamp >= ?`, sinceUnix).Scan(&n); err != nil {
		return 0, fmt.Errorf("count observations since %d: %w", sinceUnix, err)
	}
	return n, nil
}

// ObserverObsCountsSince counts the observations with timestamp >= sinceUnix per
// observer_idx (observers.rowid; NULL observer_idx is left out). "+observer_idx" keeps
// the planner on the timestamp index instead of walking the whole observer index to
// avoid sorting, so the cost follows the window's size.
func ObserverObsCountsSince(ctx context.Context, db *sql.DB, sinceUnix int64) (map[int64]int, error) {
	rows, err := db.QueryContext(ctx, `SELECT observer_idx, count(*) FROM observations
		WHERE timestamp >= ? AND observer_idx IS NOT NULL GROUP BY +observer_idx`, sinceUnix)
	if err != nil {
		return nil, fmt.Errorf("count observations per observer since %d: %w", sinceUnix, err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var idx int64
		var n int
		if err := rows.Scan(&idx, &n); err != nil {
			return nil, fmt.Errorf("scan observer count: %w", err)
		}
		out[idx] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read observer counts: %w", err)
	}
	return out, nil
}
