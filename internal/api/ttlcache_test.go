package api

import (
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestTTLCache_ExpiresAndBounds(t *testing.T) {
	c := newTTLCache[int](time.Second, 2)
	t0 := time.Unix(1000, 0)
	c.put("a", 1, t0)
	if v, ok := c.get("a", t0.Add(500*time.Millisecond)); !ok || v != 1 {
		t.Fatalf("got %v %v, want 1 true", v, ok)
	}
	if _, ok := c.get("a", t0.Add(time.Second)); ok {
		t.Fatal("entry outlived its TTL")
	}
	c.put("b", 2, t0)
	c.put("c", 3, t0.Add(2*time.Second)) // full: expired a and b are dropped
	if len(c.entries) != 1 {
		t.Fatalf("entries %d, want 1 after eviction", len(c.entries))
	}
}

func TestGroupedPackets_CachedPerFilter(t *testing.T) {
	f := newFixture(t)
	hits := func() int64 { return f.api.cacheHits.Load() }
	before := hits()
	for _, p := range []string{"/api/packets?groupByHash=true&limit=5", "/api/packets?groupByHash=true&limit=5&offset=5"} {
		if code, _, body := f.do(t, http.MethodGet, p, "", nil); code != 200 {
			t.Fatalf("%s: %d %s", p, code, body)
		}
	}
	if hits()-before != 1 {
		t.Fatalf("second page: cache hits +%d, want +1 (page reuses the sorted list)", hits()-before)
	}
	f.do(t, http.MethodGet, "/api/packets?groupByHash=true&type=4", "", nil)
	if hits()-before != 1 {
		t.Fatal("a different filter was served from the cache")
	}
}

func TestTTLCache_GetOrFillSingleFlight(t *testing.T) {
	c := newTTLCache[int](time.Minute, 4)
	now := time.Now()
	var fills atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	results := make([]int, 20)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, _, err := c.getOrFill("k", now, func() (int, error) {
				fills.Add(1)
				<-release
				return 42, nil
			})
			if err != nil {
				t.Error(err)
			}
			results[i] = v
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := fills.Load(); n != 1 {
		t.Errorf("fills: got %d, want 1", n)
	}
	for i, v := range results {
		if v != 42 {
			t.Fatalf("caller %d got %d", i, v)
		}
	}
	if v, hit, _ := c.getOrFill("k", now, func() (int, error) { return 0, errors.New("must not run") }); !hit || v != 42 {
		t.Errorf("cached: got %d hit=%v", v, hit)
	}
	if _, _, err := c.getOrFill("e", now, func() (int, error) { return 0, errors.New("boom") }); err == nil {
		t.Error("fill error not returned")
	}
	if v, hit, _ := c.getOrFill("e", now, func() (int, error) { return 7, nil }); hit || v != 7 {
		t.Errorf("errors must not be cached: got %d hit=%v", v, hit)
	}
}

func TestTTLCache_StaleServedWhileOneRefill(t *testing.T) {
	c := newTTLCache[int](time.Second, 4)
	t0 := time.Unix(1000, 0)
	var fills atomic.Int32
	release := make(chan struct{})
	fill := func() (int, error) { fills.Add(1); <-release; return 2, nil }
	if v, hit, err := c.getOrFillStale("k", t0, func() (int, error) { return 1, nil }); v != 1 || hit || err != nil {
		t.Fatalf("first fill: got %v %v %v", v, hit, err)
	}
	later := t0.Add(2 * time.Second)
	for range 3 {
		if v, hit, err := c.getOrFillStale("k", later, fill); v != 1 || !hit || err != nil {
			t.Fatalf("expired entry: got %v %v %v, want the stale 1 at once", v, hit, err)
		}
	}
	close(release)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if v, ok := c.get("k", later); ok && v == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("background refill never landed")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if n := fills.Load(); n != 1 {
		t.Errorf("refills: %d, want 1", n)
	}
}

func TestTTLCache_CurrentValueOutlivesTTL(t *testing.T) {
	c := newTTLCache[string](time.Second, 4)
	t0 := time.Unix(1000, 0)
	var fills atomic.Int32
	fill := func(v string) func() (string, error) {
		return func() (string, error) { fills.Add(1); return v, nil }
	}
	c.getOrRefresh("k", t0, nil, fill("v1"))
	same := func(v string) bool { return v == "v1" }
	if v, hit, _ := c.getOrRefresh("k", t0.Add(5*time.Second), same, fill("v2")); v != "v1" || !hit {
		t.Fatalf("current value: got %q hit=%v", v, hit)
	}
	if n := fills.Load(); n != 1 {
		t.Fatalf("fills %d, want 1: a current value must not be rebuilt", n)
	}
	changed := func(string) bool { return false }
	if v, _, _ := c.getOrRefresh("k", t0.Add(7*time.Second), changed, fill("v2")); v != "v1" {
		t.Fatalf("stale value must be served while refilling, got %q", v)
	}
	deadline := time.Now().Add(5 * time.Second)
	for fills.Load() != 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if fills.Load() != 2 {
		t.Fatal("changed value was not refilled")
	}
}
