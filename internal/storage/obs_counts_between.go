package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// ObserverObsCountsBetween counts observations per observer row with fromUnix ≤
// timestamp < toUnix (the observer-degradation alert's hourly windows; a range on the
// timestamp index, so a one-hour window reads one hour of rows).
func ObserverObsCountsBetween(ctx context.Context, db *sql.DB, fromUnix, toUnix int64) (map[int64]int, error) {
	rows, err := db.QueryContext(ctx, `SELECT observer_idx, count(*) FROM observations
		WHERE timestamp >= ? AND timestamp < ? AND observer_idx IS NOT NULL GROUP BY +observer_idx`, fromUnix, toUnix)
	if err != nil {
		return nil, fmt.Errorf("count observations per observer in [%d, %d): %w", fromUnix, toUnix, err)
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
