package api

import (
	"sync"
	"time"
)

// ttlCache keeps a few keyed values for a short time (the grouped-packets list, api.md
// §9.1). It is bounded: when full, expired entries are dropped, then everything.
type ttlCache[V any] struct {
	mu      sync.Mutex
	ttl     time.Duration
	max     int
	entries map[string]ttlEntry[V]
	flights map[string]*flight[V]
}

type ttlEntry[V any] struct {
	v  V
	at time.Time
}

func newTTLCache[V any](ttl time.Duration, maxEntries int) *ttlCache[V] {
	return &ttlCache[V]{ttl: ttl, max: maxEntries, entries: map[string]ttlEntry[V]{}}
}

func (c *ttlCache[V]) get(key string, now time.Time) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || now.Sub(e.at) >= c.ttl {
		var zero V
		return zero, false
	}
	return e.v, true
}

func (c *ttlCache[V]) put(key string, v V, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		for k, e := range c.entries {
			if now.Sub(e.at) >= c.ttl {
				delete(c.entries, k)
			}
		}
		if len(c.entries) >= c.max {
			clear(c.entries)
		}
	}
	c.entries[key] = ttlEntry[V]{v: v, at: now}
}

// flight is one in-progress fill that concurrent callers of the same key wait for.
type flight[V any] struct {
	done chan struct{}
	v    V
	err  error
}

// getOrFill returns the cached value for key, or fills it with fill. Concurrent misses of
// one key share a single fill (no thundering herd); hit reports a cache hit.
func (c *ttlCache[V]) getOrFill(key string, now time.Time, fill func() (V, error)) (v V, hit bool, err error) {
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && now.Sub(e.at) < c.ttl {
		c.mu.Unlock()
		return e.v, true, nil
	}
	if f, ok := c.flights[key]; ok {
		c.mu.Unlock()
		<-f.done
		return f.v, true, f.err
	}
	if c.flights == nil {
		c.flights = map[string]*flight[V]{}
	}
	f := &flight[V]{done: make(chan struct{})}
	c.flights[key] = f
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.flights, key)
		c.mu.Unlock()
		close(f.done)
	}()
	f.v, f.err = fill()
	if f.err == nil {
		c.put(key, f.v, now)
	}
	return f.v, false, f.err
}

// getOrFillStale is getOrFill that never makes a caller wait for a refill when an
// expired value exists: the expired value is returned (hit) and one background fill
// replaces it. Only a key never filled (or dropped) is filled on the caller's path.
func (c *ttlCache[V]) getOrFillStale(key string, now time.Time, fill func() (V, error)) (v V, hit bool, err error) {
	return c.getOrRefresh(key, now, nil, fill)
}

// getOrRefresh is getOrFillStale where an expired value that current reports as still
// current (e.g. built at the store version of now) is kept for another TTL instead of
// refilled; current nil means every expired value is refilled.
func (c *ttlCache[V]) getOrRefresh(key string, now time.Time, current func(V) bool, fill func() (V, error)) (v V, hit bool, err error) {
	c.mu.Lock()
	e, ok := c.entries[key]
	if !ok {
		c.mu.Unlock()
		return c.getOrFill(key, now, fill)
	}
	if now.Sub(e.at) >= c.ttl && current != nil && current(e.v) {
		c.entries[key] = ttlEntry[V]{v: e.v, at: now}
	} else if now.Sub(e.at) >= c.ttl {
		if _, busy := c.flights[key]; !busy {
			if c.flights == nil {
				c.flights = map[string]*flight[V]{}
			}
			f := &flight[V]{done: make(chan struct{})}
			c.flights[key] = f
			go func() {
				f.v, f.err = fill()
				c.mu.Lock()
				delete(c.flights, key)
				c.mu.Unlock()
				if f.err == nil {
					c.put(key, f.v, now)
				}
				close(f.done)
			}()
		}
	}
	c.mu.Unlock()
	return e.v, true, nil
}
