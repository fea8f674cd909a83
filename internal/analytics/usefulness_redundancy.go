package analytics

// cutPairs scores how irreplaceable each node is: the number of node pairs of its
// connected component that can no longer reach each other once the node is removed,
// divided by the largest such number. With S = component size − 1 and the removal
// splitting the rest into pieces p₁…pₖ, that is (S² − Σpᵢ²)/2; a node whose removal
// splits nothing scores 0. One articulation-point DFS (Tarjan) finds every piece;
// it is iterative so a long chain cannot exhaust the stack.
func (g *weightedGraph) cutPairs() map[string]float64 {
	n := len(g.keys)
	disc, low, size := make([]int, n), make([]int, n), make([]int, n)
	parent := make([]int, n)
	pieces := make([][]int, n) // sizes of the subtrees each node cuts off
	score := make([]float64, n)
	timer := 0
	type frame struct{ v, next int }
	for root := range n {
		if disc[root] != 0 {
			continue
		}
		var comp []int
		parent[root] = -1
		timer++
		disc[root], low[root], size[root] = timer, timer, 1
		comp = append(comp, root)
		stack := []frame{{root, 0}}
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next < len(g.adj[f.v]) {
				w := g.adj[f.v][f.next].to
				f.next++
				switch {
				case disc[w] == 0:
					parent[w] = f.v
					timer++
					disc[w], low[w], size[w] = timer, timer, 1
					comp = append(comp, w)
					stack = append(stack, frame{w, 0})
				case w != parent[f.v]:
					low[f.v] = min(low[f.v], disc[w])
				}
				continue
			}
			v := f.v
			stack = stack[:len(stack)-1]
			if p := parent[v]; p >= 0 {
				size[p] += size[v]
				low[p] = min(low[p], low[v])
				if low[v] >= disc[p] {
					pieces[p] = append(pieces[p], size[v])
				}
			}
		}
		total := size[root]
		s := float64(total - 1)
		for _, v := range comp {
			cut, sq := 0, 0.0
			for _, p := range pieces[v] {
				cut += p
				sq += float64(p) * float64(p)
			}
			if rest := total - 1 - cut; rest > 0 {
				sq += float64(rest) * float64(rest)
			}
			score[v] = max(0, (s*s-sq)/2)
		}
	}
	return g.normalised(score)
}
