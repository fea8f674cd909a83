package store

import (
	"context"
	"slices"
	"time"

	"github.com/corescope/corescope/internal/storage"
)

// defaultFollowBatch is how many rows one follow query reads; a poll repeats queries
// until it has caught up, so there is no per-tick cap.
const defaultFollowBatch = 5000

// follow polls for new rows every PollInterval, evicts every EvictInterval and re-reads
// the small tables every TablesInterval, until ctx ends.
func (s *Store) follow(ctx context.Context) {
	poll := time.NewTicker(s.opts.PollInterval)
	defer poll.Stop()
	evict := time.NewTicker(s.opts.EvictInterval)
	defer evict.Stop()
	tables := time.NewTicker(s.opts.TablesInterval)
	defer tables.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-evict.C:
			if err := s.evictStale(ctx); err != nil && ctx.Err() == nil {
				s.opts.Logger.Warn("evict stale rows", "err", err)
			}
		case <-tables.C:
			if err := s.refreshTables(ctx); err != nil && ctx.Err() == nil {
				s.opts.Logger.Warn("refresh nodes and observers", "err", err)
			}
		case <-poll.C:
			err := s.Poll(ctx)
			if err != nil && ctx.Err() == nil && !failing {
				s.opts.Logger.Warn("follow new rows", "err", err) // once per failure streak
			}
			failing = err != nil
		}
	}
}

// Poll applies every row outside the watermarks now, in batches of followBatch, each
// under one write lock, and publishes their Events after unlocking. The follow loop
// calls it every PollInterval; tests may call it directly.
func (s *Store) Poll(ctx context.Context) error {
	for {
		s.mu.RLock()
		txMark, obsMark := s.txMark, s.obsMark
		s.mu.RUnlock()
		txs, txFull, err := s.newTxs(ctx, txMark, s.followBatch)
		if err != nil {
			return err
		}
		obs, obsFull, err := s.newObs(ctx, obsMark, s.followBatch)
		if err != nil {
			return err
		}
		if len(txs) == 0 && len(obs) == 0 {
			return nil
		}
		extra, refresh, err := s.missing(ctx, txs, obs)
		if err != nil {
			return err
		}
		if refresh {
			if err := s.refreshTables(ctx); err != nil {
				return err
			}
		}
		all := append(slices.Clip(txs), extra...)
		applied, evs := s.apply(all, obs, s.subs.active())
		s.mu.Lock()
		for i := range txs {
			s.txMark.extend(txs[i].ID)
		}
		for i := range obs {
			s.obsMark.extend(obs[i].ID)
		}
		s.mu.Unlock()
		s.inserts.Add(int64(applied))
		s.enforceBudget()
		s.subs.publish(evs)
		if !txFull && !obsFull {
			return nil
		}
	}
}

// missing returns the transmissions of obs that are neither in memory nor in txs (a
// transmission committed between the two queries, read in an earlier poll before its
// observations, or evicted: addTxLocked refuses those again), and whether an
// observation names an observer row not loaded yet.
func (s *Store) missing(ctx context.Context, txs []storage.Tx, obs []storage.Obs) ([]storage.Tx, bool, error) {
	inBatch := make(map[int64]bool, len(txs))
	for _, t := range txs {
		inBatch[t.ID] = true
	}
	var ids []int64
	refresh := false
	s.mu.RLock()
	for _, o := range obs {
		if _, known := s.observerOf(o.ObserverIdx); !known {
			refresh = true
		}
		if inBatch[o.TxID] {
			continue
		}
		if _, ok := s.txPos(o.TxID); !ok {
			inBatch[o.TxID] = true
			ids = append(ids, o.TxID)
		}
	}
	s.mu.RUnlock()
	if len(ids) == 0 {
		return nil, refresh, nil
	}
	extra, err := storage.TxsByID(ctx, s.db, ids)
	return extra, refresh, err
}
