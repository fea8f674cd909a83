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
	f, p := newProbeFixture(t)
	get := func(path string) []byte {
		t.Helper()
		code, _, body := f.do(t, http.MethodGet, path, "", nil)
		if code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, code, body)
		}
		return body
	}
	def := get("/api/analytics/rf")
	passes := p.reads.Load()
	if passes == 0 {
		t.Fatal("the default rf answer read nothing from the store: the probe sees no computation")
	}
	if got := get("/api/analytics/rf?junk=1"); !bytes.Equal(got, def) {
		t.Fatal("?junk=1 answered differently from the default shape")
	}
	if n := p.reads.Load() - passes; n != 0 {
		t.Fatalf("?junk=1 ran %d computation(s); want the default snapshot", n)
	}
	for i := range maxAnalyticsShapes + 10 {
		get(fmt.Sprintf("/api/analytics/rf?junk=%d", i))
	}
	if n := p.reads.Load() - passes; n != 0 {
		t.Fatalf("%d junk keys ran %d computation(s), want 0", maxAnalyticsShapes+10, n)
	}
	get("/api/analytics/rf")
	if n := p.reads.Load() - passes; n != 0 {
		t.Fatalf("the default shape was recomputed after the junk flood (%d passes): it was evicted", n)
	}
	builds := analyticsBuilds(f.api)
	get("/api/analytics/rf?region=ZZZ&junk=2")
	if n := analyticsBuilds(f.api) - builds; n != 1 {
		t.Fatalf("?region=ZZZ ran %d computation(s), want 1 (a documented parameter has its own snapshot)", n)
	}
}

// TestAnalyticsSnapshot_ShapeFloodKeepsWarmDefaults: more distinct documented shapes
// (?region=Rn) than the cache holds drop those shapes, never the warm default snapshot.
func TestAnalyticsSnapshot_ShapeFloodKeepsWarmDefaults(t *testing.T) {
	f, p := newProbeFixture(t)
	get := func(path string) {
		t.Helper()
		if code, _, body := f.do(t, http.MethodGet, path, "", nil); code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, code, body)
		}
	}
	get("/api/analytics/rf")
	for i := range maxAnalyticsShapes + 10 {
		get(fmt.Sprintf("/api/analytics/rf?region=R%d", i))
	}
	passes := p.reads.Load()
	get("/api/analytics/rf")
	if n := p.reads.Load() - passes; n != 0 {
		t.Fatalf("the default shape was recomputed after %d region shapes: the flood evicted it", maxAnalyticsShapes+10)
	}
	if n := f.api.caches.anaShapes.Len(); n > maxAnalyticsShapes {
		t.Fatalf("%d shapes held, bound %d", n, maxAnalyticsShapes)
	}
}
