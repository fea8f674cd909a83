package store

import (
	"context"
	"slices"
	"time"

	"github.com/corescope/corescope/internal/storage"
)

// enforceBudget evicts the oldest transmissions when the tracked bytes exceed
// MaxMemoryMB, down to 85 % of it.
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
	target := limit * 85 / 100
	n, freed := 0, int64(0)
	for n < len(s.txs) && s.bytes-freed > target {
		t := &s.txs[n]
		freed += t.bytes() + int64(t.nObs)*obsBytes
		n++
	}
	s.evictLocked(n)
}

// evictStale drops transmissions the ingestor's retention has pruned (ids below the
// smallest remaining one) and those first seen before the Retention window.
func (s *Store) evictStale(ctx context.Context) error {
	minID, err := storage.MinTxID(ctx, s.db)
	if err != nil {
		return err
	}
	var cutMs int64
	if s.opts.Retention > 0 {
		cutMs = s.opts.Now().Add(-s.opts.Retention).UnixMilli()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for n < len(s.txs) && (minID == 0 || s.txs[n].id < minID || s.txs[n].firstMs < cutMs) {
		n++
	}
	s.evictLocked(n)
	return nil
}

// EvictOldest drops the n oldest transmissions with their observations (n is clamped).
// It is what the memory budget does; exported for operators' tooling and tests.
func (s *Store) EvictOldest(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.evictLocked(min(max(n, 0), len(s.txs)))
}

// evictLocked removes the n oldest transmissions (by id) and every index entry of
// theirs. Observations of theirs that arrived after newer ones stay in the slice as
// unreachable tombstones until they reach its front.
func (s *Store) evictLocked(n int) {
	if n <= 0 {
		return
	}
	start := time.Now()
	cut := s.txs[n-1].id + 1
	if n < len(s.txs) {
		cut = s.txs[n].id
	}
	for i := range n {
		t := &s.txs[i]
		delete(s.byHash, t.hash)
		s.nObs -= int64(t.nObs)
		s.bytes -= t.bytes() + int64(t.nObs)*obsBytes
	}
	s.txs = slices.Clone(s.txs[n:]) // a fresh array so the evicted rows can be collected
	s.evictBelow = cut
	for _, p := range []postings[uint32]{s.byObserver, s.byNode, s.byChannel} {
		p.dropBelow(cut)
	}
	s.byType.dropBelow(cut)
	s.byRoute.dropBelow(cut)
	k := 0
	for k < len(s.obs) && s.obs[k].txID < cut {
		k++
	}
	s.obs = slices.Clone(s.obs[k:])
	s.obsBase += int64(k)
	keep := s.obsText.end() // entries were appended in observation order
	for i := range s.obs {
		if s.obs[i].textOff >= 0 {
			keep = s.obs[i].textOff
			break
		}
	}
	s.obsText.dropBefore(keep)
	live := func(seq int64) bool { return seq >= s.obsBase && s.obs[seq-s.obsBase].txID >= cut }
	s.obsByID = slices.DeleteFunc(s.obsByID, func(k obsKey) bool { return !live(k.seq) })
	for ob, seqs := range s.obsOf {
		seqs = slices.DeleteFunc(seqs, func(seq int64) bool { return !live(seq) })
		if len(seqs) == 0 {
			delete(s.obsOf, ob)
		} else {
			s.obsOf[ob] = seqs
		}
	}
	s.evicted.Add(int64(n))
	s.opts.Logger.Info("evicted transmissions", "n", n, "below_id", cut, "ms", time.Since(start).Milliseconds())
}
