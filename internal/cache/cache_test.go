package cache

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newClock() *clock { return &clock{t: time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)} }

// constant returns a build that counts its runs and answers v.
func constant(v int, runs *atomic.Int64) Build[int] {
	return func(context.Context) (int, error) { runs.Add(1); return v, nil }
}

// TestGet_ConcurrentMissesBuildOnce: N callers missing one key at the same time share a
// single build and all get its value.
func TestGet_ConcurrentMissesBuildOnce(t *testing.T) {
	c := New[int, int](Options[int]{})
	const n = 32
	var runs atomic.Int64
	var entered sync.WaitGroup
	entered.Add(1)
	gate := make(chan struct{})
	build := func(context.Context) (int, error) {
		if runs.Add(1) == 1 {
			entered.Done()
		}
		<-gate
		return 7, nil
	}
	var wg sync.WaitGroup
	results := make(chan int, n)
	wg.Go(func() {
		r, err := c.Get(context.Background(), "k", build)
		if err != nil {
			t.Error(err)
		}
		results <- r.Value
	})
	entered.Wait() // the first build is running: every later caller must join it
	for range n - 1 {
		wg.Go(func() {
			r, err := c.Get(context.Background(), "k", build)
			if err != nil {
				t.Error(err)
			}
			results <- r.Value
		})
	}
	// Let every caller reach the cache before the build finishes: they are either
	// waiting on the flight or will find the stored value; neither builds again.
	close(gate)
	wg.Wait()
	close(results)
	for v := range results {
		if v != 7 {
			t.Fatalf("a caller got %d, want 7", v)
		}
	}
	if got := runs.Load(); got != 1 {
		t.Fatalf("%d concurrent misses ran %d builds, want 1", n, got)
	}
}

// TestGet_StaleServedWhileRebuilding: once the generation changes, callers get the
// previous value at once (Stale) while exactly one background build runs; its value
// replaces the old one when done.
func TestGet_StaleServedWhileRebuilding(t *testing.T) {
	var gen atomic.Int64
	c := New[int, int64](Options[int64]{Generation: gen.Load})
	ctx := context.Background()
	if r, err := c.Get(ctx, "k", func(context.Context) (int, error) { return 1, nil }); err != nil || r.Value != 1 || r.Status != Miss {
		t.Fatalf("first get = %+v, %v; want 1 (miss)", r, err)
	}
	gen.Add(1)
	entered, gate := make(chan struct{}), make(chan struct{})
	var runs atomic.Int64
	slow := func(context.Context) (int, error) {
		runs.Add(1)
		close(entered)
		<-gate
		return 2, nil
	}
	for i := range 5 {
		r, err := c.Get(ctx, "k", slow)
		if err != nil || r.Value != 1 || r.Status != Stale {
			t.Fatalf("get %d during rebuild = %+v, %v; want the previous value 1 (stale)", i, r, err)
		}
	}
	<-entered // the rebuild is in flight and blocked: the five answers above did not wait for it
	close(gate)
	waitBuilds(c, 2)
	if r, _ := c.Get(ctx, "k", slow); r.Value != 2 || r.Status != Hit {
		t.Fatalf("after the rebuild got %+v, want 2 (hit)", r)
	}
	if n := runs.Load(); n != 1 {
		t.Fatalf("five stale reads started %d rebuilds, want 1", n)
	}
}

// TestGet_GenerationInvalidates: an unchanged generation keeps the value however old it
// gets; a new one rebuilds it (after MinAge).
func TestGet_GenerationInvalidates(t *testing.T) {
	var gen atomic.Int64
	clk := newClock()
	c := New[int, int64](Options[int64]{Generation: gen.Load, MinAge: time.Minute, Now: clk.now})
	var runs atomic.Int64
	ctx := context.Background()
	c.Get(ctx, "k", constant(1, &runs))
	clk.add(time.Hour)
	if r, _ := c.Get(ctx, "k", constant(2, &runs)); r.Status != Hit || runs.Load() != 1 {
		t.Fatalf("unchanged generation: %+v after %d builds; want a hit and no rebuild", r, runs.Load())
	}
	gen.Add(1)
	c.Get(ctx, "fresh", constant(0, &runs)) // built at the new generation
	clk.add(30 * time.Second)
	if r, _ := c.Get(ctx, "fresh", constant(9, &runs)); r.Status != Hit {
		t.Fatalf("an entry younger than MinAge must not be rebuilt, got %+v", r)
	}
	if r := refreshed(t, c, "k", constant(3, &runs)); r != 3 {
		t.Fatalf("after the generation changed the value is %d, want 3", r)
	}
}

// TestGet_MaxAgeRebuildsUnchangedData: MaxAge rebuilds even without a new generation.
func TestGet_MaxAgeRebuildsUnchangedData(t *testing.T) {
	clk := newClock()
	c := New[int, int](Options[int]{MaxAge: 10 * time.Second, Now: clk.now})
	var runs atomic.Int64
	c.Get(context.Background(), "k", constant(1, &runs))
	clk.add(9 * time.Second)
	if r, _ := c.Get(context.Background(), "k", constant(2, &runs)); r.Status != Hit {
		t.Fatalf("9 s old with MaxAge 10 s: %+v, want hit", r)
	}
	clk.add(time.Second)
	if v := refreshed(t, c, "k", constant(2, &runs)); v != 2 {
		t.Fatalf("10 s old: value %d, want 2", v)
	}
}

// refreshed reads key once, which must answer the old value as stale, then waits
// (polling the build counter) for the background rebuild and returns the new value.
func refreshed[G comparable](t *testing.T, c *Cache[int, G], key string, b Build[int]) int {
	t.Helper()
	before := c.Stats().Builds
	r, err := c.Get(context.Background(), key, b)
	if err != nil || r.Status != Stale {
		t.Fatalf("get %s = %+v, %v; want the old value, stale", key, r, err)
	}
	waitBuilds(c, before+1)
	v, _ := c.Peek(key)
	return v
}

// waitBuilds polls until c has completed n builds.
func waitBuilds[G comparable](c *Cache[int, G], n int64) {
	for c.Stats().Builds < n {
		time.Sleep(time.Millisecond)
	}
}

// TestLRU_BoundsKeysAndKeepsPinned: at most MaxEntries unpinned keys are held, the
// least recently used going first; pinned keys survive any flood of other keys.
func TestLRU_BoundsKeysAndKeepsPinned(t *testing.T) {
	c := New[int, int](Options[int]{MaxEntries: 4, Pinned: func(k string) bool { return k == "default" }})
	var runs atomic.Int64
	ctx := context.Background()
	c.Get(ctx, "default", constant(1, &runs))
	for i := range 600 {
		c.Get(ctx, fmt.Sprintf("junk=%d", i), constant(i, &runs))
	}
	if n := c.Len(); n != 5 {
		t.Fatalf("holding %d keys after 600 distinct ones, want 4 + the pinned default", n)
	}
	before := runs.Load()
	if r, _ := c.Get(ctx, "default", constant(2, &runs)); r.Status != Hit || r.Value != 1 || runs.Load() != before {
		t.Fatalf("default after the flood = %+v (%d builds), want the warm value 1 without a build", r, runs.Load()-before)
	}
	if _, ok := c.Peek("junk=595"); ok {
		t.Fatal("junk=595 should have been evicted (least recently used)")
	}
	if _, ok := c.Peek("junk=599"); !ok {
		t.Fatal("junk=599 (most recent) was evicted")
	}
}

// TestGet_ErrorsAreNotCached: a failed build answers its error and the next get builds again.
func TestGet_ErrorsAreNotCached(t *testing.T) {
	c := New[int, int](Options[int]{})
	boom := errors.New("boom")
	if _, err := c.Get(context.Background(), "k", func(context.Context) (int, error) { return 0, boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if r, err := c.Get(context.Background(), "k", func(context.Context) (int, error) { return 5, nil }); err != nil || r.Value != 5 || r.Status != Miss {
		t.Fatalf("after an error got %+v, %v; want a fresh build of 5", r, err)
	}
}

// TestGet_FailedRebuildKeepsValue: a background rebuild that fails keeps the previous
// value, reports the error, and the next stale read tries again.
func TestGet_FailedRebuildKeepsValue(t *testing.T) {
	var gen atomic.Int64
	errs := make(chan error, 1)
	c := New[int, int64](Options[int64]{Generation: gen.Load, OnError: func(_ string, err error) { errs <- err }})
	ctx := context.Background()
	c.Get(ctx, "k", func(context.Context) (int, error) { return 1, nil })
	gen.Add(1)
	if r, _ := c.Get(ctx, "k", func(context.Context) (int, error) { return 0, errors.New("disk gone") }); r.Value != 1 || r.Status != Stale {
		t.Fatalf("got %+v, want the previous value 1, stale", r)
	}
	if err := <-errs; err == nil || err.Error() != "disk gone" {
		t.Fatalf("OnError got %v", err)
	}
	if v := refreshed(t, c, "k", func(context.Context) (int, error) { return 2, nil }); v != 2 {
		t.Fatalf("retry after a failed rebuild: %d, want 2", v)
	}
}

// TestGet_AbandonedBuildIsRetriedByWaiter: when the caller building a miss hangs up,
// its partial value is dropped and a caller waiting on it builds for itself.
func TestGet_AbandonedBuildIsRetriedByWaiter(t *testing.T) {
	c := New[int, int](Options[int]{})
	leaderCtx, hangUp := context.WithCancel(context.Background())
	entered, waiterIn := make(chan struct{}), make(chan struct{})
	var runs atomic.Int64
	build := func(ctx context.Context) (int, error) {
		if runs.Add(1) == 1 {
			close(entered)
			<-waiterIn
			hangUp()
			return -1, nil // partial: must not be stored
		}
		return 3, nil
	}
	leaderErr := make(chan error, 1)
	go func() { _, err := c.Get(leaderCtx, "k", build); leaderErr <- err }()
	<-entered
	got := make(chan Result[int], 1)
	go func() { r, _ := c.Get(context.Background(), "k", build); got <- r }()
	// Whether the waiter joins the abandoned flight or arrives after it, it must end
	// with a value of its own build, never the abandoned partial one.
	close(waiterIn)
	if err := <-leaderErr; !errors.Is(err, context.Canceled) {
		t.Fatalf("leader err = %v, want context.Canceled", err)
	}
	if r := <-got; r.Value != 3 {
		t.Fatalf("waiter got %+v, want its own build's 3", r)
	}
	if v, _ := c.Peek("k"); v != 3 {
		t.Fatalf("stored %d, want 3 (never the abandoned -1)", v)
	}
}
