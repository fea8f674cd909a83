package ingest

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// edge is one neighbour observation between two nodes (a <= b).
type edge struct{ a, b, at string }

type edgeTotal struct {
	count int64
	last  string
}

// edgeAccumulator sums edges in memory between flushes so the hot path adds no
// statements; the neighbor_builder job writes them in one bounded transaction.
type edgeAccumulator struct {
	mu sync.Mutex
	m  map[[2]string]*edgeTotal
}

func newEdgeAccumulator() *edgeAccumulator { return &edgeAccumulator{m: map[[2]string]*edgeTotal{}} }

func (e *edgeAccumulator) addAll(es []edge) {
	if len(es) == 0 {
		return
	}
	e.mu.Lock()
	for _, x := range es {
		k := [2]string{x.a, x.b}
		t := e.m[k]
		if t == nil {
			t = &edgeTotal{}
			e.m[k] = t
		}
		t.count++
		if x.at > t.last {
			t.last = x.at
		}
	}
	e.mu.Unlock()
}

func (e *edgeAccumulator) take() map[[2]string]*edgeTotal {
	e.mu.Lock()
	defer e.mu.Unlock()
	m := e.m
	e.m = map[[2]string]*edgeTotal{}
	return m
}

// edgesFor derives edges from one reception (§2.5): ADVERT without path → originator–
// observer; ADVERT with path → originator–first hop; any path → observer–last hop.
// Hops must resolve to a unique node; self-edges and unknown ends are skipped.
func (r *resolver) edgesFor(d *decoded, observerID, at string) []edge {
	obs := strings.ToLower(observerID)
	if len(obs) != 64 {
		obs = ""
	}
	var out []edge
	add := func(a, b string) {
		if a == "" || b == "" || a == b {
			return
		}
		if a > b {
			a, b = b, a
		}
		out = append(out, edge{a, b, at})
	}
	n := len(d.hops)
	if a := d.advert; a != nil {
		if n == 0 {
			add(a.pubkey, obs)
		} else {
			add(a.pubkey, r.unique(d.hops[0]))
		}
	}
	if n > 0 {
		add(obs, r.unique(d.hops[n-1]))
	}
	return out
}

// flushEdges writes the accumulated edges in one transaction (runs on the writer).
func (in *Ingester) flushEdges(ctx context.Context) error {
	m := in.edges.take()
	if len(m) == 0 {
		return nil
	}
	tx, err := in.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin edge flush: %w", err)
	}
	defer tx.Rollback()
	st := tx.StmtContext(ctx, in.stmts.edgeUpsert)
	es := make([]edge, 0, len(m))
	for k, t := range m {
		if _, err := st.ExecContext(ctx, k[0], k[1], t.count, t.last); err != nil {
			return fmt.Errorf("upsert edge: %w", err)
		}
		es = append(es, edge{a: k[0], b: k[1]})
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit edge flush: %w", err)
	}
	in.counters.walCommits.Add(1)
	in.counters.backfill("neighbor_edges", int64(len(es)))
	in.res.addEdges(es)
	return nil
}
