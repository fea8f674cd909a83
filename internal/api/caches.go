package api

import (
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/cache"
)

// serverCaches are the server's response caches, all of the one internal/cache type:
// single-flight, stale-while-revalidate (no request waits for a rebuild once a value
// exists), invalidated by the store generation or an age bound, LRU-bounded with the
// routes' default keys pinned.
type serverCaches struct {
	// resp holds encoded answers of hot read endpoints polled by open pages (cachedJSON):
	// rebuilt once the store changed, and at least every 2 s.
	resp *cache.Cache[[]byte, storeGen]
	// grouped holds sorted groupByHash lists per filter, rebuilt after a store change
	// once 3 s old (a rebuild walks every observation).
	grouped *cache.Cache[groupedList, storeGen]
	// enrich holds the node enrichment maps (30 s).
	enrich *cache.Cache[*enrichment, storeGen]
	// stats and observers are the home-page counters (10 s) and the observer list.
	stats, observers *cache.Cache[[]byte, storeGen]
	// graph holds the neighbour graph's two default shapes, encoded once per graph snapshot.
	graph *cache.Cache[graphBody, int64]
	// anaDefaults are the analytics default shapes (RunAnalytics refreshes them; a request
	// revalidates one after 5 min), anaShapes every other shape (60 s, 512 keys).
	anaDefaults, anaShapes *cache.Cache[*snapBody, storeGen]
	// clock is the clock-skew model shared by the clock-skew and roles endpoints.
	clock *cache.Cache[*analytics.ClockModel, storeGen]
}

const (
	// respCacheMaxAge bounds how long a hot endpoint's answer is served unrebuilt.
	respCacheMaxAge = 2 * time.Second
	// respCacheEntries bounds the distinct non-default answers kept.
	respCacheEntries = 256
	// maxAnalyticsShapes bounds the non-default analytics shapes kept.
	maxAnalyticsShapes = 512
	// freshWait is how long after new data a request waits for the rebuild of its answer
	// (cache.Options.FreshWait): a page reloaded right after new data shows it when the
	// rebuild is quick; a slower rebuild is served stale, so no request waits longer.
	freshWait = 150 * time.Millisecond
)

// newServerCaches builds every cache of s (no I/O, no goroutine until a rebuild).
func (s *Server) newServerCaches() serverCaches {
	gen, now := s.storeGen, s.opts.Now
	onErr := func(what string) func(string, error) {
		return func(key string, err error) { s.log.Warn("rebuild cache", "cache", what, "key", key, "err", err) }
	}
	all := func(string) bool { return true }
	return serverCaches{
		resp: cache.New[[]byte](cache.Options[storeGen]{FreshWait: freshWait, MaxEntries: respCacheEntries, MaxAge: respCacheMaxAge,
			Generation: gen, Pinned: s.pinnedKey, Now: now, OnError: onErr("resp")}),
		grouped: cache.New[groupedList](cache.Options[storeGen]{FreshWait: freshWait, MaxEntries: 64, MinAge: 3 * time.Second,
			Generation: gen, Now: now, OnError: onErr("grouped")}),
		enrich:    cache.New[*enrichment](cache.Options[storeGen]{FreshWait: freshWait, MaxEntries: 1, MaxAge: 30 * time.Second, Pinned: all, Now: now, OnError: onErr("enrichment")}),
		stats:     cache.New[[]byte](cache.Options[storeGen]{FreshWait: freshWait, MaxEntries: 1, MaxAge: 10 * time.Second, Pinned: all, Now: now, OnError: onErr("stats")}),
		observers: cache.New[[]byte](cache.Options[storeGen]{FreshWait: freshWait, MaxEntries: 1, MaxAge: s.opts.ObserversTTL, Pinned: all, Now: now, OnError: onErr("observers")}),
		graph:     cache.New[graphBody](cache.Options[int64]{FreshWait: freshWait, MaxEntries: 1, Generation: s.graphGen, Pinned: all, Now: now, OnError: onErr("graph")}),
		anaDefaults: cache.New[*snapBody](cache.Options[storeGen]{FreshWait: freshWait, MaxEntries: 1, MinAge: 5 * time.Minute, Generation: gen,
			Pinned: all, Now: now, OnError: onErr("analytics")}),
		anaShapes: cache.New[*snapBody](cache.Options[storeGen]{FreshWait: freshWait, MaxEntries: maxAnalyticsShapes, MinAge: time.Minute,
			Generation: gen, Now: now, OnError: onErr("analytics")}),
		clock: cache.New[*analytics.ClockModel](cache.Options[storeGen]{FreshWait: freshWait, MaxEntries: 1, MinAge: time.Minute, Generation: gen,
			Pinned: all, Now: now, OnError: onErr("clock model")}),
	}
}

// cacheTotals sums every cache's counters for /api/health and /api/perf.
func (c *serverCaches) cacheTotals() cache.Stats {
	var t cache.Stats
	for _, st := range []cache.Stats{c.resp.Stats(), c.grouped.Stats(), c.enrich.Stats(), c.stats.Stats(),
		c.observers.Stats(), c.graph.Stats(), c.anaDefaults.Stats(), c.anaShapes.Stats(), c.clock.Stats()} {
		t.Hits, t.Stale, t.Misses = t.Hits+st.Hits, t.Stale+st.Stale, t.Misses+st.Misses
		t.Builds, t.Failures, t.Entries = t.Builds+st.Builds, t.Failures+st.Failures, t.Entries+st.Entries
	}
	return t
}
