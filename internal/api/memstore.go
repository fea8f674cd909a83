package api

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// MemStore is a stop-gap in-memory Store until internal/store lands: transmissions and
// their observations are loaded once in chunks (LoadProgress feeds the readiness gate),
// then new observation rows are followed by polling. Nodes, observers and the neighbour
// graph stay small and are read through DBStore on demand.
type MemStore struct {
	*DBStore
	opts MemOptions

	mu     sync.RWMutex
	txs    []*TxRow // ascending id
	byID   map[int64]*TxRow
	byHash map[string]*TxRow
	obsTx  map[int64]*TxRow
	nObs   int64

	lastObs     int64
	loaded      atomic.Int64
	version     atomic.Uint64 // bumped on every change; keys the scan cache
	scans       scanCache
	nodesC      tableCache[NodeRow]
	observersC  tableCache[ObserverRow]
	total       atomic.Int64
	evicted     atomic.Int64
	first, done atomic.Bool
	life        sync.Mutex // guards cancel and closed against Open/Close races
	closed      bool
	cancel      context.CancelFunc
	wg          sync.WaitGroup
}

// MemOptions configures a MemStore.
type MemOptions struct {
	// ChunkSize is the number of transmissions per load chunk (default 10 000).
	ChunkSize int
	// PollInterval is the follow period for new rows (default 250 ms).
	PollInterval time.Duration
	// Retention keeps only transmissions first seen within this window in memory
	// (packetStore.retentionHours; 0 = unlimited).
	Retention time.Duration
	// Now is the clock for Retention (default time.Now).
	Now func() time.Time
	// EvictInterval is how often rows deleted by the ingestor's retention are dropped
	// from memory (default 1 min).
	EvictInterval time.Duration
	// OnObservation is called, outside the lock, for every followed observation.
	OnObservation func(tx *TxRow, obs *ObsRow)
	// Logger receives load and follow diagnostics.
	Logger *slog.Logger
}

// NewMemStore returns an empty MemStore over d; Open loads and starts following.
func NewMemStore(d *DBStore, opts MemOptions) *MemStore {
	if opts.ChunkSize <= 0 {
		opts.ChunkSize = 10000
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = 250 * time.Millisecond
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.EvictInterval <= 0 {
		opts.EvictInterval = time.Minute
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &MemStore{DBStore: d, opts: opts, byID: map[int64]*TxRow{}, byHash: map[string]*TxRow{}, obsTx: map[int64]*TxRow{}}
}

// LoadProgress implements Readiness.
func (m *MemStore) LoadProgress() (rows int64, firstChunk, done bool) {
	return m.loaded.Load(), m.first.Load(), m.done.Load()
}

// LoadPercent is the startup load progress, 0..100 (100 once loaded).
func (m *MemStore) LoadPercent() int {
	if m.done.Load() {
		return 100
	}
	total := m.total.Load()
	if total <= 0 {
		return 0
	}
	return int(min(99, m.loaded.Load()*100/total))
}

// Open fixes the follow cursor, then loads in the background and follows new rows.
func (m *MemStore) Open(ctx context.Context) error {
	last, err := m.MaxObservationID(ctx)
	if err != nil {
		return err
	}
	m.life.Lock()
	defer m.life.Unlock()
	if m.closed {
		return fmt.Errorf("open packet store: closed")
	}
	m.lastObs = last
	loopCtx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		if err := m.load(loopCtx); err != nil {
			if loopCtx.Err() == nil {
				m.opts.Logger.Error("load packet store", "err", err)
			}
			return
		}
		m.follow(loopCtx)
	}()
	return nil
}

// Close stops loading and following.
func (m *MemStore) Close() {
	m.life.Lock()
	m.closed = true
	if m.cancel != nil {
		m.cancel()
	}
	m.life.Unlock()
	m.wg.Wait()
}

func (m *MemStore) load(ctx context.Context) error {
	start := time.Now()
	cutoff := m.cutoff()
	var total, lo, hi int64
	if err := m.db.QueryRowContext(ctx, "SELECT count(*), coalesce(min(id), 0), coalesce(max(id), 0) FROM transmissions WHERE first_seen >= ?",
		cutoff).Scan(&total, &lo, &hi); err != nil {
		return fmt.Errorf("count transmissions to load: %w", err)
	}
	m.total.Store(total)
	// Id ranges of ChunkSize are loaded by loadWorkers goroutines; SQLite reads and row
	// decoding then overlap. addLocked keeps m.txs sorted whatever the arrival order.
	ranges := make(chan [2]int64)
	errc := make(chan error, loadWorkers)
	var wg sync.WaitGroup
	for range loadWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range ranges {
				txs, err := m.txQuery(ctx, " WHERE t.id > ? AND t.id <= ? AND t.first_seen >= ? ORDER BY t.id", r[0], r[1], cutoff)
				if err != nil {
					errc <- fmt.Errorf("load chunk (%d, %d]: %w", r[0], r[1], err)
					return
				}
				m.mu.Lock()
				for i := range txs {
					m.addLocked(&txs[i])
				}
				m.mu.Unlock()
				m.loaded.Add(int64(len(txs)))
				m.first.Store(true)
			}
		}()
	}
	var err error
	// At least 4 ranges per worker keep both busy until the end.
	step := max(1, min(int64(m.opts.ChunkSize), (hi-lo+1)/(4*loadWorkers)))
feed:
	for a := lo - 1; a < hi; a += step {
		select {
		case ranges <- [2]int64{a, a + step}:
		case err = <-errc:
			break feed
		}
	}
	close(ranges)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errc:
		default:
		}
	}
	if err != nil {
		return err
	}
	m.first.Store(true)
	m.done.Store(true)
	m.opts.Logger.Info("packet store loaded", "transmissions", m.loaded.Load(), "ms", time.Since(start).Milliseconds())
	return nil
}

// loadWorkers is the number of concurrent chunk loaders.
const loadWorkers = 2

// addLocked indexes t; the caller holds mu.
func (m *MemStore) addLocked(t *TxRow) {
	if _, ok := m.byID[t.ID]; ok {
		return
	}
	i := sort.Search(len(m.txs), func(i int) bool { return m.txs[i].ID >= t.ID })
	if i == len(m.txs) {
		m.txs = append(m.txs, t)
	} else {
		m.txs = append(m.txs, nil)
		copy(m.txs[i+1:], m.txs[i:])
		m.txs[i] = t
	}
	m.version.Add(1)
	m.byID[t.ID], m.byHash[strings.ToLower(t.Hash)] = t, t
	for _, o := range t.Observations {
		m.obsTx[o.ID] = t
	}
	m.nObs += int64(len(t.Observations))
}

// cutoff is the oldest first_seen kept in memory ("" when retention is unlimited).
func (m *MemStore) cutoff() string {
	if m.opts.Retention <= 0 {
		return ""
	}
	return m.opts.Now().Add(-m.opts.Retention).UTC().Format("2006-01-02T15:04:05.000Z")
}
