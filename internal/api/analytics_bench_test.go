package api

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/store"
)

// Analytics benchmarks run over CORESCOPE_BENCH_DB when set (e.g. data/bench/bench-1m.db
// from `./manage.sh bench`, opened read-only in place), else over the migrated fixture.
//
//	CORESCOPE_BENCH_DB=$PWD/data/bench/bench-1m.db go test ./internal/api -run '^$' -bench Analytics -benchtime 200x

// analyticsBenchPaths are the snapshot-served analytics endpoints.
func analyticsBenchPaths() []string {
	return []string{"/api/analytics/rf", "/api/analytics/topology", "/api/analytics/channels", "/api/analytics/distance",
		"/api/analytics/hash-sizes", "/api/analytics/hash-collisions", "/api/analytics/subpaths", "/api/analytics/relay-airtime-share",
		"/api/analytics/roles", "/api/nodes/clock-skew", "/api/observers/clock-skew", "/api/analytics/neighbor-graph?min_count=1&min_score=0"}
}

// benchAnalyticsServer loads the bench DB (or the fixture) into a store and returns a server.
func benchAnalyticsServer(b *testing.B) *Server {
	b.Helper()
	path := os.Getenv("CORESCOPE_BENCH_DB")
	if path == "" {
		path = migratedFixture(b)
	}
	s, _, _ := benchAnalyticsStack(b, path, time.Hour)
	return s
}

// benchAnalyticsStack opens path read-only, loads it into a store that follows new rows
// every poll, builds the neighbour graph once and returns the server, store and graph.
func benchAnalyticsStack(b *testing.B, path string, poll time.Duration) (*Server, *store.Store, *analytics.NeighborGraph) {
	b.Helper()
	db, err := schema.OpenReadOnly(context.Background(), path, 4)
	if err != nil {
		b.Fatalf("open %s: %v", path, err)
	}
	b.Cleanup(func() { db.Close() })
	opts := store.DefaultOptions()
	opts.PollInterval = poll
	st := store.New(db, opts)
	if err := st.Open(context.Background()); err != nil {
		b.Fatalf("open store: %v", err)
	}
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		st.Close(ctx)
	})
	select {
	case <-st.Loaded():
	case <-time.After(30 * time.Second):
		b.Fatal("store load did not finish")
	}
	if err := st.LoadErr(); err != nil {
		b.Fatalf("store load: %v", err)
	}
	graph := analytics.NewNeighborGraph(st, analytics.Options{})
	if err := graph.Rebuild(); err != nil {
		b.Fatalf("build graph: %v", err)
	}
	// Per-endpoint recompute times are logged at debug level.
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return New(Options{Store: NewStoreView(st, graph), DB: db, Logger: logger}), st, graph
}

// BenchmarkAnalytics_Recompute measures one background pass over every default shape.
func BenchmarkAnalytics_Recompute(b *testing.B) {
	s := benchAnalyticsServer(b)
	for b.Loop() {
		s.RecomputeAnalytics()
	}
}

// BenchmarkAnalytics_Concurrent20 serves each snapshot-backed endpoint to 20 concurrent
// clients and reports the 95th-percentile latency (p95-ms) per endpoint.
func BenchmarkAnalytics_Concurrent20(b *testing.B) {
	s := benchAnalyticsServer(b)
	h := s.Handler()
	s.RecomputeAnalytics()
	for _, path := range analyticsBenchPaths() {
		b.Run(path[len("/api/"):], func(b *testing.B) {
			get := func() time.Duration {
				t0 := time.Now()
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
				if rec.Code != http.StatusOK {
					b.Errorf("%s: %d", path, rec.Code)
				}
				return time.Since(t0)
			}
			get() // the first request of a non-default shape fills its snapshot
			var mu sync.Mutex
			var lat []time.Duration
			b.SetParallelism(max(1, 20/runtime.GOMAXPROCS(0)))
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				for pb.Next() {
					mine = append(mine, get())
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			})
			b.StopTimer()
			if len(lat) > 0 {
				slices.Sort(lat)
				b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
			}
		})
	}
}

// BenchmarkAnalytics_NeighborGraphAfterRebuild rebuilds the neighbour graph while
// RunAnalytics runs and at once sends 20 concurrent clients × 5 requests for each default
// shape, reporting the p95 (p95-ms) over those first requests after a rebuild.
func BenchmarkAnalytics_NeighborGraphAfterRebuild(b *testing.B) {
	path := os.Getenv("CORESCOPE_BENCH_DB")
	if path == "" {
		path = migratedFixture(b)
	}
	s, _, graph := benchAnalyticsStack(b, path, time.Hour)
	s.ana.debounce = time.Hour // only the graph is rebuilt here
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.RunAnalytics(ctx)
		close(done)
	}()
	defer func() {
		cancel()
		<-done
	}()
	h := s.Handler()
	var lat []time.Duration
	for b.Loop() {
		time.Sleep(2 * time.Millisecond) // a distinct BuiltAt
		if err := graph.Rebuild(); err != nil {
			b.Fatal(err)
		}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for c := range 20 {
			wg.Go(func() {
				path := "/api/analytics/neighbor-graph"
				if c%2 == 1 {
					path += "?min_count=1&min_score=0"
				}
				for range 5 {
					t0 := time.Now()
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
					d := time.Since(t0)
					if rec.Code != http.StatusOK {
						b.Errorf("%s: %d", path, rec.Code)
					}
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				}
			})
		}
		wg.Wait()
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
}

// BenchmarkAnalytics_NodeAnalyticsUncached computes /api/nodes/{pk}/analytics (default
// 7 days, bypassing the snapshot cache) for the node with the most transmissions.
func BenchmarkAnalytics_NodeAnalyticsUncached(b *testing.B) {
	s := benchAnalyticsServer(b)
	nodes, _ := s.store.Nodes()
	busiest, most := "", -1
	for _, n := range nodes {
		sums, _ := s.store.Summaries(TxFilter{Nodes: []string{strings.ToLower(n.PublicKey)}})
		if len(sums) > most {
			busiest, most = n.PublicKey, len(sums)
		}
	}
	b.Logf("node %s: %d transmissions", busiest, most)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/nodes/{pubkey}/analytics", func(w http.ResponseWriter, r *http.Request) {
		v, err := s.nodeAnalytics(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
	for b.Loop() {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/nodes/"+busiest+"/analytics", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("%d: %s", rec.Code, rec.Body)
		}
		b.ReportMetric(float64(rec.Body.Len())/1e6, "resp-MB")
	}
}
