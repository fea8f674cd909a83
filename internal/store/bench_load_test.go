package store

import (
	"context"
	"os"
	"runtime"
	"testing"
	"time"
)

// BenchmarkLoadRealistic loads the database named by CORESCOPE_BENCH_REALISTIC_DB
// (e.g. a copy of a 1M-observation production-shaped DB, opened read-only) and reports
// the live heap after the load (after a forced GC), the total allocated bytes of the
// load (B/op) and the rows loaded. It is skipped when the variable is unset, so the
// normal suite never runs it:
//
//	CORESCOPE_BENCH_REALISTIC_DB=/path/bench-1m-realistic.db \
//	  go test -run '^$' -bench LoadRealistic -benchmem -benchtime 3x ./internal/store/
func BenchmarkLoadRealistic(b *testing.B) {
	path := os.Getenv("CORESCOPE_BENCH_REALISTIC_DB")
	if path == "" {
		b.Skip("CORESCOPE_BENCH_REALISTIC_DB not set: no realistic dataset to load")
	}
	if _, err := os.Stat(path); err != nil {
		b.Skipf("CORESCOPE_BENCH_REALISTIC_DB: %v", err)
	}
	b.ReportAllocs()
	var obs int64
	var live uint64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		s := New(openRO(b, path), Options{PollInterval: time.Hour})
		if err := s.Open(context.Background()); err != nil {
			b.Fatal(err)
		}
		<-s.Loaded()
		if err := s.LoadErr(); err != nil {
			b.Fatalf("store load: %v", err)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		obs, live = s.Counts().Observations, after.HeapAlloc-before.HeapAlloc
		s.Close(context.Background())
		b.StartTimer()
	}
	b.ReportMetric(float64(obs), "observations")
	b.ReportMetric(float64(live)/(1<<20), "live-heap-MiB")
}
