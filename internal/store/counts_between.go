package store

import (
	"context"
	"time"

	"github.com/corescope/corescope/internal/storage"
)

// ObserverCountsBetween returns per observer id the observations with from ≤ timestamp < to.
func (s *Store) ObserverCountsBetween(ctx context.Context, from, to time.Time) (map[string]int, error) {
	byRow, err := storage.ObserverObsCountsBetween(ctx, s.db, from.Unix(), to.Unix())
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
