package cache

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// TestGet_FreshWaitServesAQuickRebuild: after new data (generation bump), a request waits
// for the rebuild it started when it ends within FreshWait, so a page reloaded right
// after new data sees it.
func TestGet_FreshWaitServesAQuickRebuild(t *testing.T) {
	var gen atomic.Int64
	c := New[int, int64](Options[int64]{Generation: gen.Load, FreshWait: time.Minute})
	var v atomic.Int64
	build := func(context.Context) (int, error) { return int(v.Load()), nil }
	v.Store(1)
	if r, _ := c.Get(context.Background(), "k", build); r.Value != 1 {
		t.Fatalf("first value %d", r.Value)
	}
	v.Store(2)
	gen.Add(1)
	r, err := c.Get(context.Background(), "k", build)
	if err != nil || r.Value != 2 || r.Status != Hit {
		t.Fatalf("after new data: %+v %v, want the rebuilt value 2 (Hit)", r, err)
	}
}

// TestGet_FreshWaitBoundsTheWait: a rebuild slower than FreshWait does not hold the
// request: it gets the previous value (Stale), and the rebuilt one once it is done.
func TestGet_FreshWaitBoundsTheWait(t *testing.T) {
	var gen atomic.Int64
	c := New[int, int64](Options[int64]{Generation: gen.Load, FreshWait: time.Millisecond})
	gate := make(chan struct{})
	var v atomic.Int64
	v.Store(1)
	build := func(context.Context) (int, error) {
		if v.Load() == 2 {
			<-gate
		}
		return int(v.Load()), nil
	}
	c.Get(context.Background(), "k", build)
	v.Store(2)
	gen.Add(1)
	r, _ := c.Get(context.Background(), "k", build)
	if r.Value != 1 || r.Status != Stale {
		t.Fatalf("while the rebuild is held: %+v, want the previous value 1 (Stale)", r)
	}
	close(gate)
	for i := 0; ; i++ {
		if got, ok := c.Peek("k"); ok && got == 2 {
			break
		}
		if i > 5000 {
			t.Fatal("rebuilt value never stored")
		}
		time.Sleep(time.Millisecond)
	}
}
