package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/corescope/corescope/internal/cache"
)

// The analytics endpoints are served from immutable, pre-encoded bodies (api.md §9.1) in
// two caches (caches.go): the default shapes (no documented parameter), which
// RunAnalytics recomputes when ingest has changed the store (analytics_schedule.go) so
// they stay warm, and every other shape. A body out of date (store changed, 60 s old;
// 5 min for a default shape) keeps being served while one background computation
// replaces it; only a shape never computed is computed on a request, once for all
// concurrent requests of that shape. Keys hold only the documented query parameters
// (cacheKey), so ?junk=N shares the default body.

// analyticsPasses holds the background pass schedule and counters.
type analyticsPasses struct {
	// debounce is the least time between two background passes and check how often
	// RunAnalytics looks for changes (analytics_schedule.go).
	debounce, check time.Duration
	passes          atomic.Int64
}

// snapBody is one immutable computed response.
type snapBody struct {
	status int
	ctype  string
	body   []byte
}

// computeFunc computes one analytics answer for a request's query and context; an
// error is answered through writeError and never cached.
type computeFunc = func(*Server, *http.Request) (any, error)

// snapshotOf runs h and encodes its answer once into an immutable body.
func snapshotOf(s *Server, h computeFunc, r *http.Request) (*snapBody, error) {
	v, err := h(s, r)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return nil, fmt.Errorf("encode %s: %w", r.URL.Path, err)
	}
	return &snapBody{status: http.StatusOK, ctype: "application/json", body: buf.Bytes()}, nil
}

// analyticsBuild computes h for r under the build's context: the first request's own
// (its scans stop if the client hangs up, and the partial answer is dropped), or a
// context never cancelled for a background recomputation.
func analyticsBuild(s *Server, h computeFunc, r *http.Request) cache.Build[*snapBody] {
	return func(ctx context.Context) (*snapBody, error) { return snapshotOf(s, h, r.Clone(ctx)) }
}

// analyticsCache picks the cache of key: the default shapes' or the other shapes'.
func (s *Server) analyticsCache(key string) *cache.Cache[*snapBody, storeGen] {
	if strings.HasSuffix(key, "?") {
		return s.caches.anaDefaults
	}
	return s.caches.anaShapes
}

// cachedAnalytics serves a computation through the analytics caches.
func cachedAnalytics(h computeFunc) func(*Server, http.ResponseWriter, *http.Request) {
	return func(s *Server, w http.ResponseWriter, r *http.Request) {
		key := s.cacheKey(r)
		res, err := s.analyticsCache(key).Get(r.Context(), key, analyticsBuild(s, h, r))
		if err != nil {
			if r.Context().Err() == nil {
				s.writeError(w, r, err)
			}
			return
		}
		b := res.Value
		if b.ctype != "" {
			w.Header().Set("Content-Type", b.ctype)
		}
		w.Header().Set("X-Cache-Age-Seconds", strconv.Itoa(int(max(0, s.opts.Now().Sub(res.BuiltAt))/time.Second)))
		w.WriteHeader(b.status)
		w.Write(b.body)
	}
}

// warmAnalytics are the endpoints whose default shape (no query) RunAnalytics keeps
// warm, with their computations.
func warmAnalytics() map[string]computeFunc {
	return map[string]computeFunc{
		"/api/analytics/rf":                  (*Server).analyticsRF,
		"/api/analytics/topology":            (*Server).analyticsTopology,
		"/api/analytics/channels":            (*Server).analyticsChannels,
		"/api/analytics/distance":            (*Server).analyticsDistance,
		"/api/analytics/hash-sizes":          (*Server).analyticsHashSizes,
		"/api/analytics/hash-collisions":     (*Server).analyticsCollisions,
		"/api/analytics/subpaths":            (*Server).analyticsSubpaths,
		"/api/analytics/relay-airtime-share": (*Server).analyticsRelayAirtime,
		"/api/analytics/roles":               (*Server).analyticsRoles,
		"/api/nodes/clock-skew":              (*Server).nodesClockSkew,
		"/api/observers/clock-skew":          (*Server).observersClockSkew,
	}
}

// Route handlers: each serves its computing handler through the snapshot cache.
func (s *Server) getAnalyticsRF(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsRF)(s, w, r)
}
func (s *Server) getAnalyticsTopology(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsTopology)(s, w, r)
}
func (s *Server) getAnalyticsChannels(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsChannels)(s, w, r)
}
func (s *Server) getAnalyticsDistance(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsDistance)(s, w, r)
}
func (s *Server) getAnalyticsHashSizes(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsHashSizes)(s, w, r)
}
func (s *Server) getHashCollisions(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsCollisions)(s, w, r)
}
func (s *Server) getAnalyticsSubpaths(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsSubpaths)(s, w, r)
}
func (s *Server) getSubpathsBulk(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsSubpathsBulk)(s, w, r)
}
func (s *Server) getSubpathDetail(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsSubpathDetail)(s, w, r)
}
func (s *Server) getRelayAirtimeShare(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsRelayAirtime)(s, w, r)
}
func (s *Server) getRoles(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsRoles)(s, w, r)
}
func (s *Server) getNodesClockSkew(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).nodesClockSkew)(s, w, r)
}
func (s *Server) getObserversClockSkew(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).observersClockSkew)(s, w, r)
}

// RecomputeAnalytics recomputes the default shape of every warm analytics endpoint now
// (synchronously, off any request path) and publishes the snapshots. Each endpoint
// streams the store in bounded batches (analyticsRows), so a pass holds only the
// endpoints' accumulators and the store's lock is never held across it.
func (s *Server) RecomputeAnalytics() {
	start := time.Now()
	if err := s.caches.clock.Refresh(context.Background(), clockKey, s.buildClockModel); err != nil {
		s.log.Error("recompute analytics", "err", err)
	}
	for path, h := range warmAnalytics() {
		t0 := time.Now()
		req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, path, nil)
		if err != nil {
			s.log.Error("recompute analytics", "path", path, "err", err)
			continue
		}
		key := s.cacheKey(req)
		if err := s.caches.anaDefaults.Refresh(context.Background(), key, analyticsBuild(s, h, req)); err != nil {
			s.log.Warn("recompute analytics", "path", path, "err", err)
		}
		s.log.Debug("recompute analytics", "path", path, "ms", time.Since(t0).Milliseconds())
	}
	s.ana.passes.Add(1)
	if s.opts.AfterAnalyticsPass != nil {
		s.opts.AfterAnalyticsPass()
	}
	s.log.Info("recomputed analytics", "ms", time.Since(start).Milliseconds())
}
