package analytics

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkComputeUsefulness scores a random mesh of 2,000 nodes and 10,000 edges, the
// size of a large regional mesh: the structural axes are rebuilt with the node
// enrichment (at most every 30 s), so this bounds that background cost.
func BenchmarkComputeUsefulness(b *testing.B) {
	now := time.Now()
	r := rand.New(rand.NewPCG(1, 2))
	edges := make([]Edge, 0, 10000)
	for len(edges) < 10000 {
		a, c := r.IntN(2000), r.IntN(2000)
		if a == c {
			continue
		}
		edges = append(edges, Edge{A: fmt.Sprintf("%064x", a), B: fmt.Sprintf("%064x", c), Count: 1 + r.IntN(200),
			Observers: []string{"o1", "o2"}[:1+r.IntN(2)], LastSeen: now.Add(-time.Duration(r.IntN(300)) * time.Hour).Format(time.RFC3339)})
	}
	b.ResetTimer()
	for b.Loop() {
		ComputeUsefulness(edges, TrafficShares{}, now)
	}
}
