package cache

import (
	"context"
	"errors"
	"time"
)

// Get answers key. A held value is returned at once; when it is out of date (generation
// changed past MinAge, or older than MaxAge) one background build replaces it, and the
// caller gets the new value if that build ends within FreshWait, else the previous one
// (Stale). Only a key holding nothing is built on the caller's path, once for all
// concurrent callers. Errors are returned, never cached.
func (c *Cache[V, G]) Get(ctx context.Context, key string, build Build[V]) (Result[V], error) {
	if e := c.lookup(key); e != nil {
		if !c.outdated(e) {
			c.stats.hits.Add(1)
			return Result[V]{Value: e.v, BuiltAt: e.builtAt, Status: Hit}, nil
		}
		if fresh := c.awaitRefresh(ctx, key, e, build); fresh != nil {
			c.stats.hits.Add(1)
			return Result[V]{Value: fresh.v, BuiltAt: fresh.builtAt, Status: Hit}, nil
		}
		c.stats.stale.Add(1)
		return Result[V]{Value: e.v, BuiltAt: e.builtAt, Status: Stale}, nil
	}
	c.stats.misses.Add(1)
	for {
		v, err, _ := c.flight.Do(key, func() (any, error) {
			if e := c.lookup(key); e != nil {
				return e, nil // filled while this caller was queued
			}
			return c.fill(ctx, key, build)
		})
		if errors.Is(err, errAbandoned) && ctx.Err() == nil {
			continue // the caller that was building hung up; this one builds instead
		}
		if err != nil {
			if ctx.Err() != nil {
				err = ctx.Err()
			}
			var zero Result[V]
			return zero, err
		}
		e := v.(*entry[V, G])
		return Result[V]{Value: e.v, BuiltAt: e.builtAt, Status: Miss}, nil
	}
}

// Refresh builds key now on the caller's path (sharing a build already running for it)
// and stores the value: a scheduler keeping the default shapes warm calls it.
func (c *Cache[V, G]) Refresh(ctx context.Context, key string, build Build[V]) error {
	_, err, _ := c.flight.Do(key, func() (any, error) { return c.fill(ctx, key, build) })
	return err
}

// fill builds key's value under ctx and stores it. The generation is read before the
// build, so data arriving during it leaves the entry out of date for the next caller.
func (c *Cache[V, G]) fill(ctx context.Context, key string, build Build[V]) (*entry[V, G], error) {
	e := &entry[V, G]{gen: c.generation()}
	v, err := build(ctx)
	if ctx.Err() != nil {
		return nil, errAbandoned
	}
	if err != nil {
		c.stats.failures.Add(1)
		return nil, err
	}
	e.v, e.builtAt = v, c.opts.Now()
	c.store(key, e)
	c.stats.builds.Add(1) // after the store: a caller seeing the count sees the value
	return e, nil
}

// awaitRefresh starts (or joins) the background rebuild of e and waits for it until
// FreshWait after it started; it returns the rebuilt entry, or nil when that time ran
// out or the build failed.
func (c *Cache[V, G]) awaitRefresh(ctx context.Context, key string, e *entry[V, G], build Build[V]) *entry[V, G] {
	c.refreshAsync(key, e, build)
	if c.opts.FreshWait <= 0 {
		return nil
	}
	a := e.attempt.Load()
	if a == nil {
		return nil
	}
	wait := time.Until(a.started.Add(c.opts.FreshWait))
	if wait <= 0 {
		return nil // a long rebuild: later requests take the previous value at once
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-a.done:
	case <-t.C:
		return nil
	case <-ctx.Done():
		return nil
	}
	if n := c.lookup(key); n != nil && n != e {
		return n // newer than e even if more data arrived during its build
	}
	return nil
}

// refreshAsync starts one background rebuild of key unless e already has one; the
// channel in e.attempt is closed when it ends.
func (c *Cache[V, G]) refreshAsync(key string, e *entry[V, G], build Build[V]) {
	if !e.refreshing.CompareAndSwap(false, true) {
		return
	}
	a := &rebuild{done: make(chan struct{}), started: time.Now()}
	e.attempt.Store(a)
	go func() {
		defer close(a.done)
		if err := c.Refresh(context.Background(), key, build); err != nil {
			e.refreshing.Store(false) // the next request tries again
			if c.opts.OnError != nil {
				c.opts.OnError(key, err)
			}
		}
	}()
}

// outdated reports whether e should be rebuilt.
func (c *Cache[V, G]) outdated(e *entry[V, G]) bool {
	age := c.opts.Now().Sub(e.builtAt)
	if c.opts.MaxAge > 0 && age >= c.opts.MaxAge {
		return true
	}
	return c.opts.Generation != nil && age >= c.opts.MinAge && c.opts.Generation() != e.gen
}

func (c *Cache[V, G]) generation() G {
	if c.opts.Generation == nil {
		var zero G
		return zero
	}
	return c.opts.Generation()
}
