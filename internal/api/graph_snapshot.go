package api

import (
	"sync"
	"sync/atomic"
	"time"
)

// graphSnapshot holds the last neighbour graph fetched from the store; readers load it
// atomically and at most one caller refreshes it per interval (api.md §9.2).
type graphSnapshot struct {
	cur       atomic.Pointer[Graph]
	fetchedAt atomic.Int64 // unix ms
	mu        sync.Mutex
}

// graph returns the cached snapshot, refreshing it from the store when older than
// Options.GraphRefresh.
func (s *Server) graph() (*Graph, error) {
	now := s.opts.Now()
	fresh := func() bool {
		return s.graphS.cur.Load() != nil && now.Sub(time.UnixMilli(s.graphS.fetchedAt.Load())) < s.opts.GraphRefresh
	}
	if fresh() {
		return s.graphS.cur.Load(), nil
	}
	s.graphS.mu.Lock()
	defer s.graphS.mu.Unlock()
	if fresh() {
		return s.graphS.cur.Load(), nil
	}
	g, err := s.store.NeighborGraph()
	if err != nil {
		if old := s.graphS.cur.Load(); old != nil {
			s.log.Warn("neighbor graph refresh failed; serving the previous snapshot", "err", err)
			return old, nil
		}
		return nil, err
	}
	if g != nil && g.BuiltAtUnixMs == 0 {
		g.BuiltAtUnixMs = now.UnixMilli()
	}
	s.graphS.cur.Store(g)
	s.graphS.fetchedAt.Store(now.UnixMilli())
	return g, nil
}
