package cache

import (
	"context"
	"sync/atomic"
	"testing"
)

// BenchmarkGet_Hit is the hot path of every cached route: a held, current value.
func BenchmarkGet_Hit(b *testing.B) {
	var gen atomic.Int64
	c := New[[]byte, int64](Options[int64]{Generation: gen.Load, Pinned: func(k string) bool { return k == "/api/channels?" }})
	body := []byte(`{"channels":[]}`)
	build := func(context.Context) ([]byte, error) { return body, nil }
	ctx := context.Background()
	c.Get(ctx, "/api/channels?", build)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if r, _ := c.Get(ctx, "/api/channels?", build); r.Status != Hit {
				b.Fatal("not a hit")
			}
		}
	})
}
