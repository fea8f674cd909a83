package store

import (
	"context"
	"math"

	"github.com/corescope/corescope/internal/storage"
)

// Eviction picks transmissions by first_seen, never by id: ids need not rise with time
// (databases written by other tools number rows newest-first, or use 0 and negative
// ids), so "the lowest ids" are not "the oldest rows".

// enforceBudget evicts the oldest transmissions (by first_seen, then id) when the
// tracked bytes exceed MaxMemoryMB, down to 85 % of it.
func (s *Store) enforceBudget() {
	if s.opts.MaxMemoryMB <= 0 {
		return
	}
	limit := int64(s.opts.MaxMemoryMB) << 20
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bytes <= limit {
		return
	}
	s.evictOldestLocked(s.bytes - limit*85/100)
}

// evictStale drops transmissions the ingestor's retention has pruned and those first
// seen before the Retention window. A row is certainly gone from the database when the
// table is empty, when its id is below the smallest remaining id, or when its
// first_seen is below the oldest remaining first_seen (the ingestor prunes by
// first_seen); both minimums are single index lookups. Candidates are collected under
// the read lock, so a pass that finds nothing never blocks readers or the follower.
func (s *Store) evictStale(ctx context.Context) error {
	minID, hasRows, err := storage.MinTxID(ctx, s.db)
	if err != nil {
		return err
	}
	minFirst, _, err := storage.MinFirstSeen(ctx, s.db)
	if err != nil {
		return err
	}
	var cutMs int64
	if s.opts.Retention > 0 {
		cutMs = s.opts.Now().Add(-s.opts.Retention).UnixMilli()
	}
	stale := func(t *txRec) bool {
		return !hasRows || t.id < minID || t.firstSeen < minFirst || t.firstMs < cutMs
	}
	var ids []int64
	s.mu.RLock()
	for i := range s.txs {
		if stale(&s.txs[i]) {
			ids = append(ids, s.txs[i].id)
		}
	}
	s.mu.RUnlock()
	if len(ids) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var pos []int
	for _, id := range ids { // ascending, like s.txs
		if p, ok := s.txPos(id); ok && stale(&s.txs[p]) {
			pos = append(pos, p)
		}
	}
	s.removeLocked(pos)
	return nil
}

// EvictOldest drops the n oldest transmissions (by first_seen, then id) with their
// observations (n is clamped). It is what the memory budget does; exported for
// operators' tooling and tests.
func (s *Store) EvictOldest(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.evictPickedLocked(s.oldestLocked(min(max(n, 0), len(s.txs)), math.MaxInt64))
}

// evictOldestLocked evicts the oldest transmissions until at least need bytes are freed.
func (s *Store) evictOldestLocked(need int64) {
	s.evictPickedLocked(s.oldestLocked(len(s.txs), need))
}

// evictPickedLocked removes what oldestLocked picked and remembers the newest
// first_seen among it, so a late observation does not bring an older transmission back.
func (s *Store) evictPickedLocked(pos []int, newestMs int64) {
	if len(pos) == 0 {
		return
	}
	s.removeLocked(pos)
	s.evictedBefore = max(s.evictedBefore, newestMs)
}
