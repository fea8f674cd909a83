package corescopev1

import "testing"

func TestRoutes_EveryMethodHasAnHTTPRoute(t *testing.T) {
	rs := Routes()
	if len(rs) < 40 {
		t.Fatalf("got %d routes, want at least 40", len(rs))
	}
	seen := map[string]bool{}
	for _, r := range rs {
		if r.Method == "" || r.Path == "" {
			t.Errorf("rpc %s: no (corescope.v1.http) option", r.RPC)
		}
		k := r.Method + " " + r.Path
		if seen[k] {
			t.Errorf("route %s declared twice", k)
		}
		seen[k] = true
	}
	if !seen["POST /api/packets"] {
		t.Fatalf("POST /api/packets missing")
	}
}
