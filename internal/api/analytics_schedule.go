package api

import (
	"context"
	"sync"
	"time"
)

// storeGen identifies the store's content closely enough to tell whether analytics could
// have changed: followed inserts and evictions only grow, and the row and table sizes
// cover the startup load and table refreshes. Equal generations mean no new data.
type storeGen struct {
	transmissions, observations, inserts, evicted, nodes, observers int64
	loaded                                                          bool
}

// storeGen returns the store's current generation.
func (s *Server) storeGen() storeGen {
	c := s.store.Counts()
	return storeGen{c.Transmissions, c.Observations, c.Inserts, c.Evicted, c.Nodes, c.Observers, c.LoadComplete}
}

// recomputeSchedule decides when the background pass runs: only when the store changed
// since the last pass began (dirty), and then no sooner than the gap after it began, so
// steady ingest costs one pass per gap and an idle store none.
type recomputeSchedule struct {
	debounce time.Duration
	ran      bool
	lastGen  storeGen
	lastRun  time.Time
	lastTook time.Duration
}

// passDutyCycle bounds the share of time background passes may take under steady ingest:
// a pass that took d starts the next no sooner than passDutyCycle·d after it began (a 6 s
// pass at 1M observations keeps the 30 s debounce; a 100 s pass at 10M waits ~8 minutes
// instead of running back to back on one of the two cores).
const passDutyCycle = 5

// gap is the least time between the starts of two passes.
func (r *recomputeSchedule) gap() time.Duration {
	return max(r.debounce, passDutyCycle*r.lastTook)
}

// due reports whether a pass should start at now with the store at gen.
func (r *recomputeSchedule) due(now time.Time, gen storeGen) bool {
	if !r.ran {
		return true
	}
	return gen != r.lastGen && now.Sub(r.lastRun) >= r.gap()
}

// finished records how long the pass that began last took.
func (r *recomputeSchedule) finished(took time.Duration) { r.lastTook = took }

// started records a pass beginning at now over gen. The generation is taken before the
// pass, so rows followed while it runs leave the snapshots dirty for the next one.
func (r *recomputeSchedule) started(now time.Time, gen storeGen) {
	r.ran, r.lastGen, r.lastRun = true, gen, now
}

// RunAnalytics keeps the default analytics snapshots warm until ctx is cancelled: it
// recomputes them at once, then whenever ingest has changed the store, at most once per
// debounce (30 s) or five times the last pass's duration, and never concurrently (one goroutine runs every pass); an unchanged
// store is never recomputed. cmd/server runs it in a goroutine; without it the snapshots
// are filled by the first request and refreshed in the background when stale.
//
// Alongside, it pre-encodes the neighbour graph's default shapes as soon as each graph
// snapshot is published (WarmNeighborGraph), so no request pays for that encoding.
func (s *Server) RunAnalytics(ctx context.Context) {
	var wg sync.WaitGroup
	defer wg.Wait()
	if gn, ok := s.store.(graphNotifier); ok {
		wg.Go(func() { s.warmGraphLoop(ctx, gn) })
	}
	sched := recomputeSchedule{debounce: s.ana.debounce}
	t := time.NewTicker(s.ana.check)
	defer t.Stop()
	for {
		if gen := s.storeGen(); sched.due(time.Now(), gen) {
			t0 := time.Now()
			sched.started(t0, gen)
			s.RecomputeAnalytics()
			sched.finished(time.Since(t0))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// warmGraphLoop pre-encodes the current graph snapshot and every later one until ctx ends.
func (s *Server) warmGraphLoop(ctx context.Context, gn graphNotifier) {
	for {
		changed := gn.GraphChanged()
		s.WarmNeighborGraph()
		select {
		case <-ctx.Done():
			return
		case <-changed:
		}
	}
}
