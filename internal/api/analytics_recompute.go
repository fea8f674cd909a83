package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/corescope/corescope/internal/analytics"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// analyticsSnaps serves the analytics endpoints from immutable, pre-encoded snapshots
// (api.md §9.1). Every (endpoint, canonical query) key has its own slot behind an atomic
// pointer: readers only load the pointer. A slot older than its TTL whose store data
// has changed since (storeGen) keeps being served while one background goroutine
// recomputes it (the first request for a key computes once, other requests for that key
// wait for that single computation). RunAnalytics recomputes the default shapes (no
// query) when ingest has changed the store (analytics_schedule.go) so they stay warm.
type analyticsSnaps struct {
	ttl, interval time.Duration
	// debounce is the least time between two background passes and check how often
	// RunAnalytics looks for changes (analytics_schedule.go).
	debounce, check time.Duration
	passes          atomic.Int64
	mu              sync.Mutex // guards slots (the map only, never a computation)
	slots           map[string]*snapSlot
	recomputes      atomic.Int64
	// clock is the clock-skew model shared by the clock-skew and roles endpoints.
	clock lazySnap[*analytics.ClockModel]
}

// snapSlot is one key's current snapshot and its single-flight guard.
type snapSlot struct {
	cur     atomic.Pointer[snapBody]
	fill    sync.Mutex
	running atomic.Bool
}

// snapBody is one immutable computed response.
type snapBody struct {
	status  int
	ctype   string
	body    []byte
	builtAt time.Time
	// gen is the store's generation the body was computed from.
	gen storeGen
}

// maxSnapSlots bounds the per-shape slots; beyond it, every slot but the warm default
// shapes (warmAnalytics) is dropped, so a flood of distinct shapes cannot evict them.
const maxSnapSlots = 512

func newAnalyticsSnaps(ttl, interval time.Duration) *analyticsSnaps {
	return &analyticsSnaps{ttl: ttl, interval: interval, debounce: 30 * time.Second, check: 2 * time.Second, slots: map[string]*snapSlot{}}
}

// analytics returns the server's snapshot cache (60 s per shape, 5 min default shapes).
func (s *Server) analytics() *analyticsSnaps {
	s.anaOnce.Do(func() { s.anaC = newAnalyticsSnaps(time.Minute, 5*time.Minute) })
	return s.anaC
}

func (a *analyticsSnaps) slot(key string) *snapSlot {
	a.mu.Lock()
	defer a.mu.Unlock()
	sl := a.slots[key]
	if sl == nil {
		if len(a.slots) >= maxSnapSlots {
			warm := warmAnalytics()
			for k := range a.slots {
				if _, ok := warm[strings.TrimSuffix(k, "?")]; !ok || !strings.HasSuffix(k, "?") {
					delete(a.slots, k)
				}
			}
		}
		sl = &snapSlot{}
		a.slots[key] = sl
	}
	return sl
}

// computeFunc computes one analytics answer for a request's query and context; an
// error is answered through writeError and never cached.
type computeFunc = func(*Server, *http.Request) (any, error)

// snapshotOf runs h and encodes its answer once into an immutable body.
func snapshotOf(s *Server, h computeFunc, r *http.Request) (*snapBody, error) {
	gen := s.storeGen()
	v, err := h(s, r)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return nil, fmt.Errorf("encode %s: %w", r.URL.Path, err)
	}
	return &snapBody{status: http.StatusOK, ctype: "application/json", body: buf.Bytes(), builtAt: s.opts.Now(), gen: gen}, nil
}

// refresh recomputes a slot unless a recomputation is already running.
func (a *analyticsSnaps) refresh(s *Server, sl *snapSlot, h computeFunc, r *http.Request) {
	if !sl.running.CompareAndSwap(false, true) {
		return
	}
	defer sl.running.Store(false)
	sl.fill.Lock()
	defer sl.fill.Unlock()
	b, err := snapshotOf(s, h, r)
	if err != nil {
		s.log.Warn("recompute analytics", "path", r.URL.Path, "err", err)
		return
	}
	sl.cur.Store(b)
	a.recomputes.Add(1)
}

// windowParams are the query parameters of an analytics window (analyticsWindow).
var windowParams = []string{"region", "window", "from", "to"}

// snapKey is r's snapshot key: its path and only the query parameters the computation
// reads (sorted), so an unknown parameter (?junk=N) shares the snapshot of the shape
// without it instead of costing a whole-store pass and a slot. def is the default shape.
func snapKey(r *http.Request, params []string) (key string, def bool) {
	q, keep := r.URL.Query(), url.Values{}
	for _, p := range params {
		if v, ok := q[p]; ok {
			keep[p] = v
		}
	}
	enc := keep.Encode()
	return r.URL.Path + "?" + enc, enc == ""
}

// cachedAnalytics serves a computation through the snapshot cache, keyed by the query
// parameters it reads (params). Only answers are kept; errors are computed (cheaply)
// per request.
func cachedAnalytics(h computeFunc, params ...string) func(*Server, http.ResponseWriter, *http.Request) {
	return func(s *Server, w http.ResponseWriter, r *http.Request) {
		a := s.analytics()
		key, def := snapKey(r, params)
		sl := a.slot(key)
		b := sl.cur.Load()
		now := s.opts.Now()
		ttl := a.ttl
		if def {
			ttl = a.interval
		}
		switch {
		case b == nil:
			// The first request computes under its own context: if its client hangs up,
			// the scans stop (analyticsRows) and the partial answer is thrown away; a
			// request waiting on fill then computes for itself.
			sl.fill.Lock()
			if b = sl.cur.Load(); b == nil {
				var err error
				b, err = snapshotOf(s, h, r)
				if r.Context().Err() != nil {
					sl.fill.Unlock()
					return
				}
				if err != nil {
					sl.fill.Unlock()
					s.cacheMisses.Add(1)
					s.writeError(w, r, err)
					return
				}
				sl.cur.Store(b)
				a.recomputes.Add(1)
			}
			sl.fill.Unlock()
			s.cacheMisses.Add(1)
		case now.Sub(b.builtAt) >= ttl && s.storeGen() != b.gen:
			go a.refresh(s, sl, h, r.Clone(context.WithoutCancel(r.Context())))
			s.cacheHits.Add(1)
		default:
			s.cacheHits.Add(1)
		}
		if b.ctype != "" {
			w.Header().Set("Content-Type", b.ctype)
		}
		w.Header().Set("X-Cache-Age-Seconds", strconv.Itoa(int(max(0, now.Sub(b.builtAt))/time.Second)))
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
	cachedAnalytics((*Server).analyticsRF, windowParams...)(s, w, r)
}
func (s *Server) getAnalyticsTopology(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsTopology, windowParams...)(s, w, r)
}
func (s *Server) getAnalyticsChannels(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsChannels, windowParams...)(s, w, r)
}
func (s *Server) getAnalyticsDistance(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsDistance, windowParams...)(s, w, r)
}
func (s *Server) getAnalyticsHashSizes(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsHashSizes, windowParams...)(s, w, r)
}
func (s *Server) getHashCollisions(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsCollisions, windowParams...)(s, w, r)
}
func (s *Server) getAnalyticsSubpaths(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsSubpaths, append([]string{"minLen", "maxLen", "limit"}, windowParams...)...)(s, w, r)
}
func (s *Server) getSubpathsBulk(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsSubpathsBulk, append([]string{"groups"}, windowParams...)...)(s, w, r)
}
func (s *Server) getSubpathDetail(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsSubpathDetail, append([]string{"hops"}, windowParams...)...)(s, w, r)
}
func (s *Server) getRelayAirtimeShare(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsRelayAirtime, windowParams...)(s, w, r)
}
func (s *Server) getRoles(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).analyticsRoles)(s, w, r)
}
func (s *Server) getNodesClockSkew(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).nodesClockSkew, "area")(s, w, r)
}
func (s *Server) getObserversClockSkew(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).observersClockSkew)(s, w, r)
}

// RecomputeAnalytics recomputes the default shape of every warm analytics endpoint now
// (synchronously, off any request path) and publishes the snapshots. Each endpoint
// streams the store in bounded batches (analyticsRows), so a pass holds only the
// endpoints' accumulators and the store's lock is never held across it.
func (s *Server) RecomputeAnalytics() {
	a := s.analytics()
	start := time.Now()
	if m, err := s.buildClockModel(); err == nil {
		a.clock.cur.Store(&lazyEntry[*analytics.ClockModel]{v: m, at: s.opts.Now()})
	} else {
		s.log.Error("recompute analytics", "err", err)
	}
	for path, h := range warmAnalytics() {
		t0 := time.Now()
		req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, path, nil)
		if err != nil {
			s.log.Error("recompute analytics", "path", path, "err", err)
			continue
		}
		a.refresh(s, a.slot(path+"?"), h, req)
		s.log.Debug("recompute analytics", "path", path, "ms", time.Since(t0).Milliseconds())
	}
	a.passes.Add(1)
	if s.opts.AfterAnalyticsPass != nil {
		s.opts.AfterAnalyticsPass()
	}
	s.log.Info("recomputed analytics", "ms", time.Since(start).Milliseconds())
}
