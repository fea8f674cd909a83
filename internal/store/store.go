package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
)

// Store is the in-memory packet store. Create it with New, start it with Open, stop it
// with Close. All query methods are safe for concurrent use and return copies.
type Store struct {
	db   *sql.DB
	opts Options

	mu sync.RWMutex
	// Everything below up to the tables is guarded by mu.
	txs        []txRec  // ascending id
	obs        []obsRec // application order; obs[i] has sequence obsBase+i
	obsBase    int64
	obsByID    []obsKey         // ascending id
	byHash     map[string]int64 // lower-case content hash → transmission id
	byObserver postings[uint32] // observer → transmission ids
	byNode     postings[uint32] // pubkey (from_pubkey and resolved hops) → transmission ids
	byType     postings[int8]
	byRoute    postings[int8]
	byChannel  postings[uint32]
	obsOf      map[uint32][]int64 // observer → observation sequences, ascending
	strs       strtab
	paths      pathtab
	obsText    byteArena            // path_json and raw_hex of every observation (obsRec.textOff)
	radioWide  map[int64][2]float64 // observation id → SNR, RSSI that quarter units cannot hold
	nObs       int64
	bytes      int64
	// evictedBefore is the first_seen (unix ms) of the newest transmission the memory
	// budget evicted: older ones are not added back (math.MinInt64 = none evicted).
	evictedBefore int64
	oldestSeen    string // smallest first_seen in memory (ids need not rise with time)
	tables        tables

	// Load and follow state.
	txMark, obsMark idMarks // follow watermarks: the id ranges already read
	followBatch     int     // rows per follow query (tests shrink it)
	totalTx         atomic.Int64
	loadedTx        atomic.Int64
	firstChunk      atomic.Bool
	loadDone        atomic.Bool
	loadErr         atomic.Pointer[error]
	loadEnd         loadSignal
	evicted         atomic.Int64
	inserts         atomic.Int64

	subs subscribers

	life   sync.Mutex
	opened bool
	closed bool
	cancel context.CancelFunc
	done   chan struct{}
}

// New returns an empty store over db, a handle opened with schema.OpenReadOnly. It does
// no I/O; Open loads and follows.
func New(db *sql.DB, opts Options) *Store {
	return &Store{
		db:          db,
		opts:        opts.withDefaults(),
		byHash:      map[string]int64{},
		byObserver:  postings[uint32]{},
		byNode:      postings[uint32]{},
		byType:      postings[int8]{},
		byRoute:     postings[int8]{},
		byChannel:   postings[uint32]{},
		obsOf:       map[uint32][]int64{},
		radioWide:   map[int64][2]float64{},
		strs:        newStrtab(),
		paths:       newPathtab(),
		done:        make(chan struct{}),
		loadEnd:     loadSignal{ch: make(chan struct{})},
		followBatch: defaultFollowBatch,

		evictedBefore: math.MinInt64,
	}
}

// Open reads the nodes and observers tables and the id watermarks, then loads the
// transmissions in chunks in the background and afterwards follows new rows until
// Close. It returns once loading has started; wait on Loaded (then LoadErr) for the
// end of the load, or watch Ready and LoadStatus.
func (s *Store) Open(ctx context.Context) error {
	s.life.Lock()
	defer s.life.Unlock()
	if s.closed || s.opened {
		return errors.New("open store: already opened or closed")
	}
	if err := s.refreshTables(ctx); err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	plan, err := s.planLoad(ctx)
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	runCtx, cancel := context.WithCancel(context.Background())
	s.cancel, s.opened = cancel, true
	go func() {
		defer close(s.done)
		if err := s.load(runCtx, plan); err != nil {
			if runCtx.Err() == nil {
				s.loadErr.Store(&err)
				s.opts.Logger.Error("load packet store", "err", err)
				s.loadEnd.finish(err)
			} else {
				s.loadEnd.finish(ErrLoadStopped)
			}
			return
		}
		s.loadEnd.finish(nil)
		s.follow(runCtx)
	}()
	return nil
}

// Close stops loading and following, waits for them (or ctx) and closes every
// subscription channel.
func (s *Store) Close(ctx context.Context) error {
	s.life.Lock()
	wasOpen := s.opened && !s.closed
	s.closed = true
	if s.cancel != nil {
		s.cancel()
	}
	s.life.Unlock()
	var err error
	if wasOpen {
		select {
		case <-s.done:
		case <-ctx.Done():
			err = fmt.Errorf("close store: %w", ctx.Err())
		}
	}
	s.subs.closeAll()
	return err
}

// Ready reports whether the first load chunk has been applied (the HTTP listener may
// answer from then on).
func (s *Store) Ready() bool { return s.firstChunk.Load() }

// LoadStatus returns "loading", "ready" or "failed" and the load progress 0..100.
func (s *Store) LoadStatus() (state string, progress int) {
	if s.loadErr.Load() != nil {
		return "failed", s.progress()
	}
	if s.loadDone.Load() {
		return "ready", 100
	}
	return "loading", s.progress()
}

func (s *Store) progress() int {
	if s.loadDone.Load() {
		return 100
	}
	total := s.totalTx.Load()
	if total <= 0 {
		return 0
	}
	return int(min(99, s.loadedTx.Load()*100/total))
}
