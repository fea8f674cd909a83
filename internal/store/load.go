package store

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
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

// readChunk reads the transmissions with ids lo..hi and their observations.
func (s *Store) readChunk(ctx context.Context, lo, hi int64, p loadPlan) chunk {
	txs, err := storage.TxsAfter(ctx, s.db, lo-1, hi, p.since, int(hi-lo+1))
	if err != nil || len(txs) == 0 {
		return chunk{err: err}
	}
	obs, err := storage.ObsForTxRange(ctx, s.db, txs[0].ID, txs[len(txs)-1].ID, p.bounds.MaxObsID)
	return chunk{txs: txs, obs: obs, err: err}
}

// loadWorkers is how many chunks are read from SQLite concurrently; chunks are still
// applied strictly in id order, so the transmission slice only ever grows at its end.
const loadWorkers = 2

// maxChunkObs bounds the observations of one load chunk (estimated from the id range).
const maxChunkObs = 25000

// load reads transmissions in id ranges of ChunkSize with their observations and
// applies each chunk under one write lock, oldest first. loadWorkers readers run ahead
// of the applier by at most 2×loadWorkers chunks.
func (s *Store) load(ctx context.Context, p loadPlan) error {
	start := time.Now()
	b := p.bounds
	step := int64(s.opts.ChunkSize)
	if obsIDs := b.MaxObsID - b.MinObsID + 1; b.TxCount > 0 && b.MaxObsID > 0 {
		// Observations dominate a chunk's transient memory (rows read ahead by the
		// workers): keep a chunk near maxChunkObs of them whatever ChunkSize says.
		step = max(1, min(step, maxChunkObs/max(1, obsIDs/b.TxCount)))
		if p.since == "" {
			// Everything is loaded: size the observation slices once instead of growing
			// them by copying (a grown copy briefly doubles the largest allocation).
			s.mu.Lock()
			if len(s.obs) == 0 {
				s.obs, s.obsByID = make([]obsRec, 0, obsIDs), make([]obsKey, 0, obsIDs)
			}
			s.mu.Unlock()
		}
	}
	n := 0
	if b.TxCount > 0 {
		n = int((b.MaxTxID-b.MinTxID)/step) + 1
	}
	slots := make([]chan chunk, n)
	for i := range slots {
		slots[i] = make(chan chunk, 1)
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	ahead := make(chan struct{}, 2*loadWorkers)
	var next atomic.Int64
	for range min(loadWorkers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				select {
				case ahead <- struct{}{}:
				case <-ctx.Done():
					return
				}
				lo := b.MinTxID + int64(k)*step
				slots[k] <- s.readChunk(ctx, lo, min(lo+step-1, b.MaxTxID), p)
			}
		}()
	}
	for k := range n {
		var c chunk
		select {
		case c = <-slots[k]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-ahead
		if c.err != nil {
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
