package analytics

import (
	"container/heap"
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

// betweenness is Brandes' weighted betweenness centrality (each unordered pair counted
// once), divided by the largest value so the top node scores 1.
func (g *weightedGraph) betweenness() map[string]float64 {
	n := len(g.keys)
	bc := make([]float64, n)
	dist, sigma, delta := make([]float64, n), make([]float64, n), make([]float64, n)
	pred := make([][]int, n)
	order := make([]int, 0, n)
	for s := range n {
		for i := range n {
			dist[i], sigma[i], delta[i], pred[i] = math.Inf(1), 0, 0, pred[i][:0]
		}
		order = order[:0]
		dist[s], sigma[s] = 0, 1
		done := make([]bool, n)
		pq := &distHeap{{s, 0}}
		for pq.Len() > 0 {
			top := heap.Pop(pq).(distItem)
			v := top.node
			if done[v] || top.dist > dist[v] {
				continue
			}
			done[v] = true
			order = append(order, v)
			for _, a := range g.adj[v] {
				alt := dist[v] + a.cost
				switch {
				case alt < dist[a.to] && !sameDist(alt, dist[a.to]):
					dist[a.to], sigma[a.to] = alt, sigma[v]
					pred[a.to] = append(pred[a.to][:0], v)
					heap.Push(pq, distItem{a.to, alt})
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
	return g.normalised(bc)
}

// harmonicReach is Σ 1/d(v, t) over the nodes t that v reaches, divided by the largest
// value: a disconnected node simply adds nothing.
func (g *weightedGraph) harmonicReach() map[string]float64 {
	n := len(g.keys)
	h := make([]float64, n)
	dist := make([]float64, n)
	for s := range n {
		for i := range dist {
			dist[i] = math.Inf(1)
		}
		dist[s] = 0
		pq := &distHeap{{s, 0}}
		for pq.Len() > 0 {
			top := heap.Pop(pq).(distItem)
			if top.dist > dist[top.node] {
				continue
			}
			if top.node != s {
				h[s] += 1 / top.dist
			}
			for _, a := range g.adj[top.node] {
				if alt := top.dist + a.cost; alt < dist[a.to] {
					dist[a.to] = alt
					heap.Push(pq, distItem{a.to, alt})
				}
			}
		}
	}
	return g.normalised(h)
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

type distHeap []distItem

func (h distHeap) Len() int { return len(h) }
func (h distHeap) Less(i, j int) bool {
	return h[i].dist < h[j].dist || h[i].dist == h[j].dist && h[i].node < h[j].node
}
func (h distHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *distHeap) Push(x any)   { *h = append(*h, x.(distItem)) }
func (h *distHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}
