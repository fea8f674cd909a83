package analytics

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/corescope/corescope/internal/cache"
	"github.com/corescope/corescope/internal/store"
)

// Options configures NeighborGraph.
type Options struct {
	// Interval between rebuilds of a Source that cannot report changes (default 5 min).
	Interval time.Duration
	// Debounce is the least time between two rebuilds of a changing Source (default 30 s);
	// Check is how often its counts are compared (default 2 s). See Open.
	Debounce, Check time.Duration
	// Hidden drops edges with a hidden endpoint from every view (nil = none).
	Hidden func(pubkey string) bool
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Logger receives rebuild diagnostics (default: discard).
	Logger *slog.Logger
}

// snapshot is one build with its precomputed default-shape views.
type snapshot struct {
	graph      *Graph
	def, unfil View
}

// NeighborGraph rebuilds the graph in the background and serves it from the one cache
// type (internal/cache, a single pinned key): readers never wait for a build, and
// concurrent rebuilds share one build.
type NeighborGraph struct {
	src      GraphSource
	opts     Options
	cur      *cache.Cache[*snapshot, struct{}]
	failures atomic.Int64
	life     sync.Mutex
	cancel   context.CancelFunc
	done     chan struct{}
	// changed is closed (and replaced) whenever a new snapshot is published.
	chMu    sync.Mutex
	changed chan struct{}
}

// counter is implemented by *store.Store: equal counts mean no followed insert,
// eviction, load progress or table change since.
type counter interface{ Counts() store.Counts }

// generation is the part of store.Counts that changes with the data.
type generation struct {
	txs, obs, inserts, evicted, nodes, observers int64
	loaded                                       bool
}

func genOf(c store.Counts) generation {
	return generation{c.Transmissions, c.Observations, c.Inserts, c.Evicted, c.Nodes, c.Observers, c.LoadComplete}
}

// NewNeighborGraph returns an idle graph over src; Open starts building.
func NewNeighborGraph(src GraphSource, opts Options) *NeighborGraph {
	if opts.Interval <= 0 {
		opts.Interval = 5 * time.Minute
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 30 * time.Second
	}
	if opts.Check <= 0 {
		opts.Check = 2 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	// Only Rebuild fills the cache (readers Peek), so it needs neither generation nor age.
	cur := cache.New[*snapshot](cache.Options[struct{}]{MaxEntries: 1, Now: opts.Now})
	return &NeighborGraph{src: src, opts: opts, cur: cur, changed: make(chan struct{})}
}

// Open builds at once in the background, then until Close: when the Source reports its
// counts (*store.Store does), whenever they changed since the last build began, at most
// once per Debounce, so an idle store is never rebuilt; otherwise every Interval.
func (n *NeighborGraph) Open(ctx context.Context) error {
	n.life.Lock()
	defer n.life.Unlock()
	if n.done != nil {
		return errors.New("open neighbor graph: already opened")
	}
	runCtx, cancel := context.WithCancel(context.Background())
	n.cancel, n.done = cancel, make(chan struct{})
	go func() {
		defer close(n.done)
		c, counts := n.src.(counter)
		period := n.opts.Interval
		if counts {
			period = n.opts.Check
		}
		t := time.NewTicker(period)
		defer t.Stop()
		var last generation
		var lastAt time.Time
		for first := true; ; first = false {
			due := first || !counts
			if counts {
				g := genOf(c.Counts())
				if due = first || g != last && time.Since(lastAt) >= n.opts.Debounce; due {
					last, lastAt = g, time.Now()
				}
			}
			if due {
				if err := n.Rebuild(); err != nil {
					n.opts.Logger.Error("rebuild neighbor graph", "err", err)
				}
			}
			select {
			case <-runCtx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return nil
}

// Close stops rebuilding and waits for a running build (or ctx).
func (n *NeighborGraph) Close(ctx context.Context) error {
	n.life.Lock()
	done := n.done
	if n.cancel != nil {
		n.cancel()
	}
	n.life.Unlock()
	if done == nil {
		return nil
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("close neighbor graph: %w", ctx.Err())
	}
}

// Rebuild builds a snapshot now and swaps it in. A panic in the build is recovered,
// counted and returned; the previous snapshot stays in place.
func (n *NeighborGraph) Rebuild() error {
	if err := n.cur.Refresh(context.Background(), graphKey, n.build); err != nil {
		return err
	}
	n.chMu.Lock()
	close(n.changed)
	n.changed = make(chan struct{})
	n.chMu.Unlock()
	return nil
}

// graphKey is the snapshot's one key in its cache.
const graphKey = "graph"

// build builds one snapshot; a panic is recovered, counted and returned as an error.
func (n *NeighborGraph) build(context.Context) (s *snapshot, err error) {
	defer func() {
		if r := recover(); r != nil {
			n.failures.Add(1)
			s, err = nil, fmt.Errorf("build neighbor graph: panic: %v", r)
		}
	}()
	g := Build(n.src, n.opts.Now())
	return &snapshot{graph: g, def: g.Filter(DefaultShape, n.opts.Hidden), unfil: g.Filter(UnfilteredShape, n.opts.Hidden)}, nil
}

// Changed returns a channel closed when the next snapshot is published (for callers
// that derive their own answers from each snapshot, e.g. pre-encoded responses).
func (n *NeighborGraph) Changed() <-chan struct{} {
	n.chMu.Lock()
	defer n.chMu.Unlock()
	return n.changed
}

// Failures counts rebuilds that panicked.
func (n *NeighborGraph) Failures() int64 { return n.failures.Load() }

// Snapshot returns the current graph (nil before the first build).
func (n *NeighborGraph) Snapshot() *Graph {
	if s, ok := n.cur.Peek(graphKey); ok {
		return s.graph
	}
	return nil
}

// Query answers p. The two default shapes come precomputed (cached is true and age is
// the snapshot's age, for X-Cache-Age-Seconds); other shapes are filtered fresh from
// the snapshot. Before the first build the view is empty and ok is false.
func (n *NeighborGraph) Query(p Params) (v View, age time.Duration, cached, ok bool) {
	s, ok := n.cur.Peek(graphKey)
	if !ok {
		return View{Nodes: []GraphNode{}, Edges: []Edge{}}, 0, false, false
	}
	age = max(0, n.opts.Now().Sub(s.graph.BuiltAt))
	switch p {
	case DefaultShape:
		return s.def, age, true, true
	case UnfilteredShape:
		return s.unfil, age, true, true
	}
	return s.graph.Filter(p, n.opts.Hidden), age, false, true
}
