package api

import (
	"sync"
	"sync/atomic"
	"time"
)

// cached is one pre-encoded response and its build time.
type cached struct {
	body    []byte
	builtAt time.Time
}

// snapshot is an atomic-pointer cache with a single-flight refill (api.md §9.2).
type snapshot struct {
	cur          atomic.Pointer[cached]
	fill         sync.Mutex
	hits, misses *atomic.Int64
}

// get returns a fresh entry, rebuilding it with build when older than ttl; concurrent
// callers during a rebuild wait for that one rebuild.
func (c *snapshot) get(now time.Time, ttl time.Duration, build func() ([]byte, error)) (*cached, error) {
	if e := c.cur.Load(); e != nil && now.Sub(e.builtAt) < ttl {
		c.count(c.hits)
		return e, nil
	}
	c.fill.Lock()
	defer c.fill.Unlock()
	if e := c.cur.Load(); e != nil && now.Sub(e.builtAt) < ttl {
		c.count(c.hits)
		return e, nil
	}
	c.count(c.misses)
	b, err := build()
	if err != nil {
		return nil, err
	}
	e := &cached{body: b, builtAt: now}
	c.cur.Store(e)
	return e, nil
}

func (c *snapshot) count(n *atomic.Int64) {
	if n != nil {
		n.Add(1)
	}
}
