package store

import (
	"context"
	"fmt"
	"sync"
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
	s.txMark, s.obsMark = marksOf(b.TxLo, b.TxHi, b.HasTx), marksOf(b.MinObsID, b.MaxObsID, b.HasObs)
	s.mu.Unlock()
	return p, nil
}

// cutoff is the oldest first_seen kept under Retention ("" when unlimited).
func (s *Store) cutoff() string {
	if s.opts.Retention <= 0 {
		return ""
	}
	// A comparison key, not a printed time: with milliseconds, as the ingestor writes
	// first_seen, so a row from the cutoff's own second is kept.
	return s.opts.Now().Add(-s.opts.Retention).UTC().Format("2006-01-02T15:04:05.000Z")
}

type chunk struct {
	txs []storage.Tx
	obs *obsBatch
	err error
}

// readObs reads the observations of a chunk's transmissions, limited to the id range
// the watermarks cover (newer ones are the follower's), converting each row as it is
// scanned (no intermediate slice of rows). perTx sizes the batch up front.
func (s *Store) readObs(ctx context.Context, txs []storage.Tx, p loadPlan, perTx int) chunk {
	b := p.bounds
	batch := &obsBatch{}
	if !b.HasObs {
		return chunk{txs: txs, obs: batch}
	}
	if perTx > 0 {
		batch.obs = make([]prepObs, 0, len(txs)*perTx+len(txs)/8)
	}
	err := storage.EachObsForTxRange(ctx, s.db, txs[0].ID, txs[len(txs)-1].ID, b.MinObsID, b.MaxObsID,
		func(o *storage.Obs) error {
			batch.add(o)
			return nil
		})
	return chunk{txs: txs, obs: batch, err: err}
}

// loadWorkers is how many chunks' observations are read from SQLite concurrently;
// chunks are still applied strictly in id order.
const loadWorkers = 2

// maxChunkObs bounds the observations of one load chunk (estimated from the id ranges).
const maxChunkObs = 25000

// maxObsPerTx is the largest believable ratio of the observation id span to the
// transmission count; above it ids are sparse (other tools' databases) and the span
// says nothing about the row count.
const maxObsPerTx = 64

// chunkSize returns the transmissions per chunk and, when the observation id span is
// a believable row count, that count (else 0).
func (s *Store) chunkSize(b storage.Bounds) (step int, obsRows int64) {
	step = s.opts.ChunkSize
	if b.TxCount <= 0 || !b.HasObs {
		return step, 0
	}
	span := uint64(b.MaxObsID) - uint64(b.MinObsID) + 1 // two's complement: no overflow
	perTx := span / uint64(b.TxCount)
	if span == 0 || perTx > maxObsPerTx {
		return step, 0
	}
	// Observations dominate a chunk's transient memory (rows read ahead by the
	// workers): keep a chunk near maxChunkObs of them whatever ChunkSize says.
	return max(1, min(step, maxChunkObs/max(1, int(perTx)))), int64(span)
}

// load pages through the transmissions in id order (keyset: id above the last one
// read, so sparse, 0 and negative ids cost nothing extra), reads each page's
// observations on up to loadWorkers goroutines and applies the chunks in order under
// one write lock each. Readers run ahead of the applier by at most 2×loadWorkers chunks.
func (s *Store) load(ctx context.Context, p loadPlan) error {
	start := time.Now()
	step, obsRows := s.chunkSize(p.bounds)
	if obsRows > 0 && p.since == "" {
		// Everything is loaded: size the observation slices once instead of growing
		// them by copying (a grown copy briefly doubles the largest allocation).
		s.mu.Lock()
		if len(s.obs) == 0 {
			s.obs, s.obsByID = make([]obsRec, 0, obsRows), make([]obsKey, 0, obsRows)
		}
		if len(s.txs) == 0 {
			s.txs = make([]txRec, 0, p.bounds.TxCount)
		}
		s.mu.Unlock()
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	slots := make(chan chan chunk, 2*loadWorkers)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(slots)
		s.readChunks(ctx, p, step, int((obsRows+p.bounds.TxCount-1)/max(1, p.bounds.TxCount)), slots)
	}()
	for slot := range slots {
		var c chunk
		select {
		case c = <-slot:
		case <-ctx.Done():
			return ctx.Err()
		}
		if c.err != nil {
			return fmt.Errorf("load chunk: %w", c.err)
		}
		s.applyBatch(c.txs, c.obs, false)
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

// readChunks reads the transmission pages in order and queues one slot per chunk;
// each slot is filled by a goroutine reading that page's observations.
func (s *Store) readChunks(ctx context.Context, p loadPlan, step, perTx int, slots chan<- chan chunk) {
	b := p.bounds
	if b.TxCount == 0 {
		return
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	workers := make(chan struct{}, loadWorkers)
	for from := b.MinTxID; ; {
		txs, err := storage.TxsFrom(ctx, s.db, from, b.MaxTxID, p.since, step)
		slot := make(chan chunk, 1)
		select {
		case slots <- slot:
		case <-ctx.Done():
			return
		}
		if err != nil || len(txs) == 0 {
			slot <- chunk{err: err}
			return
		}
		select {
		case workers <- struct{}{}:
		case <-ctx.Done():
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			slot <- s.readObs(ctx, txs, p, perTx)
			<-workers
		}()
		last := txs[len(txs)-1].ID
		if len(txs) < step || last >= b.MaxTxID {
			return
		}
		from = last + 1
	}
}
