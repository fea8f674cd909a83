package api

import (
	"bytes"
	"net/http"
	"testing"
)

func TestRespCache_SharesIdenticalRequests(t *testing.T) {
	f := newFixture(t)
	get := func(p string) []byte {
		code, _, body := f.do(t, http.MethodGet, p, "", nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d %s", p, code, body)
		}
		return body
	}
	for _, p := range []string{"/api/packets?limit=7", "/api/nodes?limit=3", "/api/observers/anything/analytics?days=2"} {
		hits := f.api.caches.cacheTotals().Hits
		first := get(p)
		if again := get(p); !bytes.Equal(first, again) {
			t.Errorf("%s: cached answer differs from the first", p)
		}
		if f.api.caches.cacheTotals().Hits-hits != 1 {
			t.Errorf("%s: cache hits +%d, want +1", p, f.api.caches.cacheTotals().Hits-hits)
		}
	}
	if a, b := get("/api/packets?limit=7"), get("/api/packets?limit=8"); bytes.Equal(a, b) {
		t.Error("different queries share one cached answer")
	}
}
