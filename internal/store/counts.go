package store

import (
	"context"
	"time"

	"github.com/corescope/corescope/internal/storage"
)

// The "last hour / last 24 h" counters are answered by SQL over observations.timestamp,
// not from memory:
//   - correct: they count by observation time whatever the ids (ids need not rise with
//     time, so no newest-id-first walk with an early exit can be right), including
//     observations the memory budget or the load window keeps out of the store;
//   - cheap at 10M rows: idx_observations_timestamp (base_indexes_v1, and the reference
//     ingestor's obs_timestamp_index_v1) turns them into a range scan over the window
//     only, and the API caches the results. The store keeps observations in
//     application order, so answering by time from memory would need either a scan of
//     every observation per request or a time-ordered index costing ~16 B per row.
// Without the index (a database the ingestor has not migrated) SQLite scans the table:
// slower, still correct.

// CountObservationsSince counts the observations with timestamp at or after since.
func (s *Store) CountObservationsSince(ctx context.Context, since time.Time) (int64, error) {
	return storage.CountObservationsSince(ctx, s.db, since.Unix())
}

// ObserverCounts returns, per observer id, the observations with timestamp at or after
// since (e.g. packetsLastHour on /api/observers). Observer rows not loaded yet are left
// out until the next tables refresh.
func (s *Store) ObserverCounts(ctx context.Context, since time.Time) (map[string]int, error) {
	byRow, err := storage.ObserverObsCountsSince(ctx, s.db, since.Unix())
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(byRow))
	s.mu.RLock()
	defer s.mu.RUnlock()
	for row, n := range byRow {
		if id, ok := s.tables.rowObs[row]; ok {
			out[s.strs.str(id)] += n
		}
	}
	return out, nil
}
