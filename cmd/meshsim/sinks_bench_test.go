package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/meshsim"
)

// BenchmarkDBSink measures database mode end to end: generation, ingest decode and
// batched inserts into a fresh SQLite file, for the default world and each dataset
// profile; it reports stored observations and transmissions per second.
func BenchmarkDBSink(b *testing.B) {
	for _, p := range append([]string{"default"}, meshsim.Profiles...) {
		b.Run(p, func(b *testing.B) {
			o := meshsim.DefaultOptions()
			if p != "default" {
				if err := meshsim.ApplyProfile(&o, p); err != nil {
					b.Fatal(err)
				}
			}
			benchDBSink(b, o)
		})
	}
}

func benchDBSink(b *testing.B, o meshsim.Options) {
	ctx := context.Background()
	w, err := meshsim.NewWorld(o)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	s, err := openDBSink(ctx, filepath.Join(b.TempDir(), "bench.db"), w, start, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	n := int64(max(b.N, 1))
	b.ResetTimer()
	began := time.Now()
	if _, err := meshsim.Run(ctx, meshsim.NewGenerator(w), s, meshsim.RunOptions{Limit: n, Start: start, Span: 24 * time.Hour}); err != nil {
		b.Fatal(err)
	}
	tot, err := s.Close(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(tot.obs)/time.Since(began).Seconds(), "obs/s")
	b.ReportMetric(float64(tot.tx)/time.Since(began).Seconds(), "tx/s")
}
