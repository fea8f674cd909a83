package alerts

import "sort"

// Cuts is the structure of an undirected graph that matters for a mesh split: the
// vertices (articulation points) and edges (bridges) whose loss disconnects it.
type Cuts struct {
	// Components are the connected components, each sorted, largest first.
	Components [][]string
	// Articulation lists the cut vertices, sorted.
	Articulation []string
	// Bridges are the cut edges, each as {lesser, greater}, sorted.
	Bridges [][2]string
	// CutOff maps each cut vertex to the vertices its loss separates from the largest
	// remaining part of its component (sorted): the nodes that lose the rest of the mesh.
	CutOff map[string][]string
}

// FindCuts runs Tarjan's low-link depth-first search over the graph of the given edges
// (self-loops and duplicates are ignored; vertices are the edge ends plus nodes). The
// search is iterative so a long chain cannot exhaust the stack.
func FindCuts(nodes []string, edges [][2]string) Cuts {
	idx := map[string]int{}
	var names []string
	add := func(s string) int {
		if i, ok := idx[s]; ok {
			return i
		}
		idx[s] = len(names)
		names = append(names, s)
		return len(names) - 1
	}
	for _, n := range nodes {
		add(n)
	}
	adj := [][]int{}
	seen := map[[2]int]bool{}
	for _, e := range edges {
		a, b := add(e[0]), add(e[1])
		for len(adj) < len(names) {
			adj = append(adj, nil)
		}
		if a == b || seen[[2]int{min(a, b), max(a, b)}] {
			continue
		}
		seen[[2]int{min(a, b), max(a, b)}] = true
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
	}
	for len(adj) < len(names) {
		adj = append(adj, nil)
	}
	n := len(names)
	disc, low, parent, comp := make([]int, n), make([]int, n), make([]int, n), make([]int, n)
	for i := range disc {
		disc[i], parent[i] = -1, -1
	}
	isCut := make([]bool, n)
	var bridges [][2]string
	var comps [][]int
	timer := 0
	type frame struct{ v, next int }
	for root := 0; root < n; root++ {
		if disc[root] >= 0 {
			continue
		}
		c := len(comps)
		comps = append(comps, nil)
		rootKids := 0
		stack := []frame{{root, 0}}
		disc[root], low[root], comp[root] = timer, timer, c
		timer++
		comps[c] = append(comps[c], root)
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			v := top.v
			if top.next < len(adj[v]) {
				w := adj[v][top.next]
				top.next++
				if disc[w] < 0 {
					parent[w] = v
					disc[w], low[w], comp[w] = timer, timer, c
					timer++
					comps[c] = append(comps[c], w)
					if v == root {
						rootKids++
					}
					stack = append(stack, frame{w, 0})
				} else if w != parent[v] {
					low[v] = min(low[v], disc[w])
				}
				continue
			}
			stack = stack[:len(stack)-1]
			p := parent[v]
			if p < 0 {
				continue
			}
			low[p] = min(low[p], low[v])
			if low[v] > disc[p] {
				bridges = append(bridges, ordered(names[p], names[v]))
			}
			if low[v] >= disc[p] && p != root {
				isCut[p] = true
			}
		}
		if rootKids > 1 {
			isCut[root] = true
		}
	}
	out := Cuts{CutOff: map[string][]string{}}
	for _, members := range comps {
		out.Components = append(out.Components, sortedNames(names, members))
	}
	sort.SliceStable(out.Components, func(i, j int) bool { return len(out.Components[i]) > len(out.Components[j]) })
	for v := 0; v < n; v++ {
		if isCut[v] {
			out.Articulation = append(out.Articulation, names[v])
			out.CutOff[names[v]] = cutOff(v, adj, comps[comp[v]], names)
		}
	}
	sort.Strings(out.Articulation)
	sort.Slice(bridges, func(i, j int) bool {
		if bridges[i][0] != bridges[j][0] {
			return bridges[i][0] < bridges[j][0]
		}
		return bridges[i][1] < bridges[j][1]
	})
	out.Bridges = bridges
	return out
}

// cutOff removes v from its component and returns every vertex outside the largest part
// that remains (ties: the part holding the least name stays "the mesh").
func cutOff(v int, adj [][]int, members []int, names []string) []string {
	part := map[int]int{v: -1}
	var parts [][]int
	for _, s := range members {
		if _, ok := part[s]; ok {
			continue
		}
		id := len(parts)
		parts = append(parts, []int{s})
		part[s] = id
		for q := []int{s}; len(q) > 0; {
			x := q[0]
			q = q[1:]
			for _, y := range adj[x] {
				if _, ok := part[y]; !ok {
					part[y] = id
					parts[id] = append(parts[id], y)
					q = append(q, y)
				}
			}
		}
	}
	keep := 0
	for i := range parts {
		if len(parts[i]) > len(parts[keep]) || len(parts[i]) == len(parts[keep]) && least(names, parts[i]) < least(names, parts[keep]) {
			keep = i
		}
	}
	var lost []int
	for i, p := range parts {
		if i != keep {
			lost = append(lost, p...)
		}
	}
	return sortedNames(names, lost)
}

func least(names []string, ids []int) string {
	s := names[ids[0]]
	for _, i := range ids[1:] {
		s = min(s, names[i])
	}
	return s
}

func sortedNames(names []string, ids []int) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = names[id]
	}
	sort.Strings(out)
	return out
}

func ordered(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}
