package analytics

import (
	"math"
	"sort"
)

// weightedEdge is one undirected edge between two lower-case pubkeys.
type weightedEdge struct {
	a, b string
	w    float64
}

// weightedGraph is an undirected graph over dense node indexes; cost = 1/weight, so
// strong edges are short. Parallel edges keep the strongest.
type weightedGraph struct {
	keys []string
	adj  [][]arc
}

type arc struct {
	to   int
	cost float64
}

// newWeightedGraph keeps the edges whose weight is at least minWeight (and finite).
func newWeightedGraph(edges []weightedEdge, minWeight float64) *weightedGraph {
	idx := map[string]int{}
	best := map[[2]int]float64{}
	id := func(k string) int {
		i, ok := idx[k]
		if !ok {
			i = len(idx)
			idx[k] = i
		}
		return i
	}
	for _, e := range edges {
		if math.IsNaN(e.w) || math.IsInf(e.w, 0) || e.w < minWeight || e.a == e.b {
			continue
		}
		a, b := id(e.a), id(e.b)
		if a > b {
			a, b = b, a
		}
		best[[2]int{a, b}] = max(best[[2]int{a, b}], e.w)
	}
	g := &weightedGraph{keys: make([]string, len(idx)), adj: make([][]arc, len(idx))}
	for k, i := range idx {
		g.keys[i] = k
	}
	pairs := make([][2]int, 0, len(best))
	for p := range best {
		pairs = append(pairs, p)
	}
	// A fixed arc order keeps tie-breaking (and so the scores) deterministic.
	sort.Slice(pairs, func(i, j int) bool {
		return pairs[i][0] < pairs[j][0] || pairs[i][0] == pairs[j][0] && pairs[i][1] < pairs[j][1]
	})
	for _, p := range pairs {
		c := 1 / best[p]
		g.adj[p[0]] = append(g.adj[p[0]], arc{p[1], c})
		g.adj[p[1]] = append(g.adj[p[1]], arc{p[0], c})
	}
	return g
}

// centrality runs one shortest-path pass per source (Dijkstra) and derives two axes
// from it: Brandes' weighted betweenness (each unordered pair counted once) and
// harmonic reach Σ 1/d over the nodes the source reaches (a disconnected node simply
// adds nothing). Both are divided by their largest value so the top node scores 1.
func (g *weightedGraph) centrality() (bridge, reach map[string]float64) {
	n := len(g.keys)
	bc, hr := make([]float64, n), make([]float64, n)
	dist, sigma, delta := make([]float64, n), make([]float64, n), make([]float64, n)
	done := make([]bool, n)
	pred := make([][]int, n)
	order := make([]int, 0, n)
	var pq distHeap
	for s := range n {
		for i := range n {
			dist[i], sigma[i], delta[i], done[i], pred[i] = math.Inf(1), 0, 0, false, pred[i][:0]
		}
		order = order[:0]
		dist[s], sigma[s] = 0, 1
		pq = append(pq[:0], distItem{s, 0})
		for len(pq) > 0 {
			top := pq.pop()
			v := top.node
			if done[v] || top.dist > dist[v] {
				continue
			}
			done[v] = true
			order = append(order, v)
			if v != s {
				hr[s] += 1 / dist[v]
			}
			for _, a := range g.adj[v] {
				alt := dist[v] + a.cost
				switch {
				case alt < dist[a.to] && !sameDist(alt, dist[a.to]):
					dist[a.to], sigma[a.to] = alt, sigma[v]
					pred[a.to] = append(pred[a.to][:0], v)
					pq.push(distItem{a.to, alt})
				case sameDist(alt, dist[a.to]) && !done[a.to]:
					sigma[a.to] += sigma[v]
					pred[a.to] = append(pred[a.to], v)
				}
			}
		}
		for i := len(order) - 1; i >= 0; i-- {
			w := order[i]
			for _, v := range pred[w] {
				delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
			}
			if w != s {
				bc[w] += delta[w]
			}
		}
	}
	for i := range bc {
		bc[i] /= 2
	}
	return g.normalised(bc), g.normalised(hr)
}

// normalised divides by the maximum (all zeros stay zero) and keys by pubkey.
func (g *weightedGraph) normalised(v []float64) map[string]float64 {
	top := 0.0
	for _, x := range v {
		top = max(top, x)
	}
	out := make(map[string]float64, len(v))
	for i, x := range v {
		if top > 0 {
			x /= top
		}
		out[g.keys[i]] = x
	}
	return out
}

// sameDist treats path lengths equal within a relative 1e-9 (float sums of 1/w).
func sameDist(a, b float64) bool {
	if math.IsInf(a, 1) || math.IsInf(b, 1) {
		return false
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(a, b))
}

type distItem struct {
	node int
	dist float64
}

// distHeap is a binary min-heap on dist (ties by node), typed to avoid boxing.
type distHeap []distItem

func (h distHeap) less(i, j int) bool {
	return h[i].dist < h[j].dist || h[i].dist == h[j].dist && h[i].node < h[j].node
}

func (h *distHeap) push(it distItem) {
	*h = append(*h, it)
	q := *h
	for i := len(q) - 1; i > 0; {
		p := (i - 1) / 2
		if !q.less(i, p) {
			break
		}
		q[i], q[p] = q[p], q[i]
		i = p
	}
}

func (h *distHeap) pop() distItem {
	q := *h
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(q) && q.less(l, m) {
			m = l
		}
		if r < len(q) && q.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		q[i], q[m] = q[m], q[i]
		i = m
	}
	*h = q
	return top
}
