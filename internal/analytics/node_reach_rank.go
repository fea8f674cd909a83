package analytics

import (
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// reliableTokens are the 1-, 2- and 3-byte prefixes of pk (upper-case) that no other
// stored node shares, so a hop carrying one of them can only be this node.
func reliableTokens(pk string, all []store.Node) []string {
	out := []string{}
	for _, n := range []int{2, 4, 6} {
		if len(pk) < n {
			break
		}
		p, unique := pk[:n], true
		for i := range all {
			k := strings.ToLower(all[i].PublicKey)
			if k != pk && strings.HasPrefix(k, p) {
				unique = false
				break
			}
		}
		if unique {
			out = append(out, strings.ToUpper(p))
		}
	}
	return out
}

// degreeRank counts pk's distinct unambiguous neighbours in the graph, its rank among
// nodes by that count (1 = most), and how many nodes have any edge.
func degreeRank(pk string, edges []Edge, hidden map[string]bool) (deg, rank, withEdges int) {
	nb := map[string]map[string]bool{}
	add := func(a, b string) {
		if nb[a] == nil {
			nb[a] = map[string]bool{}
		}
		nb[a][b] = true
	}
	for _, e := range edges {
		a, b := strings.ToLower(e.A), strings.ToLower(e.B)
		if e.Ambiguous || a == b || hidden[a] || hidden[b] {
			continue
		}
		add(a, b)
		add(b, a)
	}
	deg = len(nb[pk])
	rank = 1
	for k, m := range nb {
		if k != pk && len(m) > deg {
			rank++
		}
	}
	return deg, rank, len(nb)
}
