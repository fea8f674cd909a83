package cache

import (
	"context"
	"errors"
)

// Get answers key. A held value is returned at once; when it is out of date (generation
// changed past MinAge, or older than MaxAge) it is still returned (Stale) and one
// background build replaces it. Only a key holding nothing is built on the caller's
// path, once for all concurrent callers. Errors are returned, never cached.
func (c *Cache[V, G]) Get(ctx context.Context, key string, build Build[V]) (Result[V], error) {
	if e := c.lookup(key); e != nil {
		if !c.outdated(e) {
			c.stats.hits.Add(1)
			return Result[V]{Value: e.v, BuiltAt: e.builtAt, Status: Hit}, nil
		}
		c.refreshAsync(key, e, build)
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

// refreshAsync starts one background rebuild of key unless e already has one.
func (c *Cache[V, G]) refreshAsync(key string, e *entry[V, G], build Build[V]) {
	if !e.refreshing.CompareAndSwap(false, true) {
		return
	}
	go func() {
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
