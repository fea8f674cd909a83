package alerts

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
)

func e(a, b string) [2]string { return [2]string{a, b} }

// TestFindCuts_HandDrawn checks graphs drawn on paper, with their cut vertices, bridges
// and cut-off nodes read off the drawing.
func TestFindCuts_HandDrawn(t *testing.T) {
	cases := []struct {
		name   string
		nodes  []string
		edges  [][2]string
		art    []string
		br     [][2]string
		comps  int
		cutOff map[string][]string
	}{
		{
			// a - b - c : b cuts off one of its ends (tie: the part with "a" stays).
			name: "path", edges: [][2]string{e("a", "b"), e("b", "c")},
			art: []string{"b"}, br: [][2]string{e("a", "b"), e("b", "c")}, comps: 1,
			cutOff: map[string][]string{"b": {"c"}},
		},
		{
			// triangle: no cut at all.
			name: "triangle", edges: [][2]string{e("a", "b"), e("b", "c"), e("c", "a")},
			comps: 1, cutOff: map[string][]string{},
		},
		{
			//  a ─ b        two triangles joined by the bridge c ─ d;
			//   \ /         c and d are both cut vertices.
			//    c ── d      (removing d leaves two triangles of 3: the one with "a" stays)
			//        / \
			//       e ─ f ─ g   and f hangs g.
			name:  "bowtie with bridge",
			edges: [][2]string{e("a", "b"), e("b", "c"), e("c", "a"), e("c", "d"), e("d", "e"), e("e", "f"), e("f", "d"), e("f", "g")},
			art:   []string{"c", "d", "f"}, br: [][2]string{e("c", "d"), e("f", "g")}, comps: 1,
			cutOff: map[string][]string{"c": {"a", "b"}, "d": {"e", "f", "g"}, "f": {"g"}},
		},
		{
			// a star: the hub cuts off all but one leaf; plus an isolated node and a
			// separate pair, three components.
			name: "star and islands", nodes: []string{"z"},
			edges: [][2]string{e("h", "1"), e("h", "2"), e("h", "3"), e("x", "y"), e("h", "h"), e("1", "h")},
			art:   []string{"h"}, br: [][2]string{e("1", "h"), e("2", "h"), e("3", "h"), e("x", "y")}, comps: 3,
			cutOff: map[string][]string{"h": {"2", "3"}},
		},
		{
			// a square with a diagonal, no cut.
			name:  "square",
			edges: [][2]string{e("a", "b"), e("b", "c"), e("c", "d"), e("d", "a"), e("a", "c")},
			comps: 1, cutOff: map[string][]string{},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := FindCuts(c.nodes, c.edges)
			if !reflect.DeepEqual(got.Articulation, c.art) {
				t.Errorf("articulation %v, want %v", got.Articulation, c.art)
			}
			if !reflect.DeepEqual(got.Bridges, c.br) {
				t.Errorf("bridges %v, want %v", got.Bridges, c.br)
			}
			if len(got.Components) != c.comps {
				t.Errorf("components %v, want %d", got.Components, c.comps)
			}
			if !reflect.DeepEqual(got.CutOff, c.cutOff) {
				t.Errorf("cut off %v, want %v", got.CutOff, c.cutOff)
			}
		})
	}
}

// TestFindCuts_MatchesBruteForce compares Tarjan with the definition on random sparse
// graphs: a vertex is a cut vertex when deleting it raises the component count, an edge
// a bridge when deleting it does.
func TestFindCuts_MatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 200; round++ {
		n := 2 + rng.IntN(14)
		var edges [][2]string
		for i := 0; i < n+rng.IntN(n); i++ {
			a, b := rng.IntN(n), rng.IntN(n)
			edges = append(edges, e(fmt.Sprint(a), fmt.Sprint(b)))
		}
		var nodes []string
		for i := 0; i < n; i++ {
			nodes = append(nodes, fmt.Sprint(i))
		}
		got := FindCuts(nodes, edges)
		base := countComponents(nodes, edges, "", [2]string{})
		var art []string
		for _, v := range nodes {
			var rest []string
			for _, u := range nodes {
				if u != v {
					rest = append(rest, u)
				}
			}
			if countComponents(rest, edges, v, [2]string{}) > base-isolated(v, edges) {
				art = append(art, v)
			}
		}
		sort.Strings(art)
		var br [][2]string
		for _, ed := range uniqueEdges(edges) {
			if countComponents(nodes, edges, "", ed) > base {
				br = append(br, ed)
			}
		}
		sort.Slice(br, func(i, j int) bool { return br[i][0] < br[j][0] || br[i][0] == br[j][0] && br[i][1] < br[j][1] })
		if !reflect.DeepEqual(got.Articulation, art) || !reflect.DeepEqual(got.Bridges, br) || len(got.Components) != base {
			t.Fatalf("round %d edges %v:\n got art %v br %v comps %d\nwant art %v br %v comps %d",
				round, edges, got.Articulation, got.Bridges, len(got.Components), art, br, base)
		}
	}
}

// isolated is 1 when v has no edge to another vertex (deleting it removes a component).
func isolated(v string, edges [][2]string) int {
	for _, ed := range edges {
		if ed[0] != ed[1] && (ed[0] == v || ed[1] == v) {
			return 0
		}
	}
	return 1
}

func uniqueEdges(edges [][2]string) [][2]string {
	seen := map[[2]string]bool{}
	var out [][2]string
	for _, ed := range edges {
		if ed[0] == ed[1] {
			continue
		}
		k := ordered(ed[0], ed[1])
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// countComponents counts components by union-find, without vertex skip and edge drop.
func countComponents(nodes []string, edges [][2]string, skip string, drop [2]string) int {
	parent := map[string]string{}
	find := func(x string) string {
		for parent[x] != x {
			x = parent[x]
		}
		return x
	}
	for _, v := range nodes {
		parent[v] = v
	}
	for _, ed := range edges {
		if ed[0] == skip || ed[1] == skip || ordered(ed[0], ed[1]) == drop {
			continue
		}
		parent[find(ed[0])] = find(ed[1])
	}
	roots := map[string]bool{}
	for _, v := range nodes {
		roots[find(v)] = true
	}
	return len(roots)
}
