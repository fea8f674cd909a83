package api

import (
	"net/http"
	"net/url"
	"strings"
)

// cacheRoutes indexes the route table for cache keys: the documented query parameters
// of each mux pattern, and the default key (no parameters) of each route without a path
// wildcard. Only those default keys are pinned in the caches: they are as many as the
// routes, while a wildcard path (one node, one observer) can take unbounded values.
type cacheRoutes struct {
	params   map[string][]string // "GET /api/channels" → documented parameter names
	defaults map[string]bool     // "/api/channels?" → pinned
}

func newCacheRoutes() cacheRoutes {
	cr := cacheRoutes{params: map[string][]string{}, defaults: map[string]bool{}}
	for _, rt := range routes() {
		names := make([]string, len(rt.Query))
		for i, p := range rt.Query {
			names[i] = p.Name
		}
		cr.params[rt.Method+" "+rt.Path] = names
		if !strings.Contains(rt.Path, "{") {
			cr.defaults[rt.Path+"?"] = true
		}
	}
	return cr
}

// cacheKey is r's key in a response cache: its path and only the query parameters its
// route documents (routes.go), sorted, so an undocumented parameter (?junk=N) shares the
// answer of the request without it instead of costing a build and an LRU slot. A request
// that did not come through the mux (RecomputeAnalytics) keys by its path alone.
func (s *Server) cacheKey(r *http.Request) string {
	q, keep := r.URL.Query(), url.Values{}
	for _, p := range s.cacheRoutes.params[r.Pattern] {
		if v, ok := q[p]; ok {
			keep[p] = v
		}
	}
	return r.URL.Path + "?" + keep.Encode()
}

// pinnedKey reports whether key is a route's default key (kept out of LRU eviction).
func (s *Server) pinnedKey(key string) bool { return s.cacheRoutes.defaults[key] }
