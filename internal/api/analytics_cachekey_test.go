package api

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"
)

// TestAnalyticsSnapshot_UnknownParamsShareTheKey: a query parameter the computation does
// not read (?junk=N) is answered from the warm default snapshot — no whole-store pass on
// the request path, no new slot — and a flood of such keys does not evict the default.
// A documented parameter (region) still gets a snapshot of its own.
func TestAnalyticsSnapshot_UnknownParamsShareTheKey(t *testing.T) {
	f := newFixture(t)
	a := f.api.analytics()
	get := func(path string) []byte {
		t.Helper()
		code, _, body := f.do(t, http.MethodGet, path, "", nil)
		if code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, code, body)
		}
		return body
	}
	def := get("/api/analytics/rf")
	passes := a.recomputes.Load()
	if got := get("/api/analytics/rf?junk=1"); !bytes.Equal(got, def) {
		t.Fatal("?junk=1 answered differently from the default shape")
	}
	if n := a.recomputes.Load() - passes; n != 0 {
		t.Fatalf("?junk=1 ran %d computation(s); want the default snapshot", n)
	}
	for i := range maxSnapSlots + 10 {
		get(fmt.Sprintf("/api/analytics/rf?junk=%d", i))
	}
	if n := a.recomputes.Load() - passes; n != 0 {
		t.Fatalf("%d junk keys ran %d computation(s), want 0", maxSnapSlots+10, n)
	}
	get("/api/analytics/rf")
	if n := a.recomputes.Load() - passes; n != 0 {
		t.Fatalf("the default shape was recomputed after the junk flood (%d passes): it was evicted", n)
	}
	get("/api/analytics/rf?region=ZZZ&junk=2")
	if n := a.recomputes.Load() - passes; n != 1 {
		t.Fatalf("?region=ZZZ ran %d computation(s), want 1 (a documented parameter has its own snapshot)", n)
	}
}

// TestAnalyticsSnapshot_ShapeFloodKeepsWarmDefaults: more distinct documented shapes
// (?region=Rn) than the cache holds drop those shapes, never the warm default snapshot.
func TestAnalyticsSnapshot_ShapeFloodKeepsWarmDefaults(t *testing.T) {
	f := newFixture(t)
	a := f.api.analytics()
	get := func(path string) {
		t.Helper()
		if code, _, body := f.do(t, http.MethodGet, path, "", nil); code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, code, body)
		}
	}
	get("/api/analytics/rf")
	for i := range maxSnapSlots + 10 {
		get(fmt.Sprintf("/api/analytics/rf?region=R%d", i))
	}
	passes := a.recomputes.Load()
	get("/api/analytics/rf")
	if n := a.recomputes.Load() - passes; n != 0 {
		t.Fatalf("the default shape was recomputed after %d region shapes: the flood evicted it", maxSnapSlots+10)
	}
	a.mu.Lock()
	n := len(a.slots)
	a.mu.Unlock()
	if n > maxSnapSlots {
		t.Fatalf("%d slots, bound %d", n, maxSnapSlots)
	}
}
