package store

import (
	"context"
	"fmt"
	"time"

	"github.com/corescope/corescope/internal/storage"
)

// loadPlan fixes what the startup load reads: everything up to the id watermarks taken
// at Open. Following starts above them, so no row is read twice or missed.
type loadPlan struct {
	since  string // first_seen lower bound ("" = all)
	bounds storage.Bounds
}

func (s *Store) planLoad(ctx context.Context) (loadPlan, error) {
	p := loadPlan{since: s.cutoff()}
	b, err := storage.ReadBounds(ctx, s.db, p.since)
	if err != nil {
		return p, err
	}
	p.bounds = b
	s.totalTx.Store(b.TxCount)
	s.mu.Lock()
	s.txMark, s.obsMark = b.MaxTxID, b.MaxObsID
	s.mu.Unlock()
	return p, nil
}

// cutoff is the oldest first_seen kept under Retention ("" when unlimited).
func (s *Store) cutoff() string {
	if s.opts.Retention <= 0 {
		return ""
	}
	return s.opts.Now().Add(-s.opts.Retention).UTC().Format(tsLayout)
}

type chunk struct {
	txs []storage.Tx
	obs []storage.Obs
	err error
}

// load reads transmissions in id order, ChunkSize at a time, with their observations,
// and applies each chunk under one write lock. Reading the next chunk overlaps applying
// the current one.
func (s *Store) load(ctx context.Context, p loadPlan) error {
	start := time.Now()
	chunks := make(chan chunk, 1)
	go func() {
		defer close(chunks)
		cursor := p.bounds.MinTxID - 1
		for {
			txs, err := storage.TxsAfter(ctx, s.db, cursor, p.bounds.MaxTxID, p.since, s.opts.ChunkSize)
			if err != nil || len(txs) == 0 {
				if err != nil {
					chunks <- chunk{err: err}
				}
				return
			}
			lo, hi := txs[0].ID, txs[len(txs)-1].ID
			obs, err := storage.ObsForTxRange(ctx, s.db, lo, hi, p.bounds.MaxObsID)
			select {
			case chunks <- chunk{txs: txs, obs: obs, err: err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
			cursor = hi
		}
	}()
	for c := range chunks {
		if c.err != nil {
			for range chunks { // let the reader finish
			}
			return fmt.Errorf("load chunk: %w", c.err)
		}
		s.apply(c.txs, c.obs, false)
		s.loadedTx.Add(int64(len(c.txs)))
		s.firstChunk.Store(true)
		s.enforceBudget()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.firstChunk.Store(true)
	s.loadDone.Store(true)
	c := s.Counts()
	s.opts.Logger.Info("packet store loaded", "transmissions", c.Transmissions, "observations", c.Observations,
		"bytes", c.TrackedBytes, "ms", time.Since(start).Milliseconds())
	return nil
}
