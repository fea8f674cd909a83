package cache

// lookup returns key's entry (nil when none), marking it recently used.
func (c *Cache[V, G]) lookup(key string) *entry[V, G] {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.pinned[key]; ok {
		return e
	}
	e, _ := c.lru.Get(key)
	return e
}

// store keeps e under key: pinned keys in their own map, others in the LRU.
func (c *Cache[V, G]) store(key string, e *entry[V, G]) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.opts.Pinned != nil && c.opts.Pinned(key) {
		c.pinned[key] = e
		return
	}
	c.lru.Add(key, e)
}

// Peek returns key's value without building, refreshing or counting (ok false when none).
func (c *Cache[V, G]) Peek(key string) (v V, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.pinned[key]
	if !ok {
		e, ok = c.lru.Peek(key)
	}
	if !ok {
		return v, false
	}
	return e.v, true
}

// Len is the number of keys held.
func (c *Cache[V, G]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pinned) + c.lru.Len()
}

// Stats returns the cache's counters.
func (c *Cache[V, G]) Stats() Stats {
	return Stats{Hits: c.stats.hits.Load(), Stale: c.stats.stale.Load(), Misses: c.stats.misses.Load(),
		Builds: c.stats.builds.Load(), Failures: c.stats.failures.Load(), Entries: c.Len()}
}
