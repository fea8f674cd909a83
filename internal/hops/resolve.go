package hops

import "strings"

// Adjacent reports whether two nodes are known neighbours (e.g. from the persisted
// neighbour graph); nil means no adjacency knowledge.
type Adjacent func(a, b string) bool

// Resolve maps each hop prefix of a path to a node key, "" where it cannot be decided
// (storage spec §2.4); the ingestor stores the answer as resolved_path. Hops are walked
// left to right with an anchor (the originator for adverts, else ""): candidates already
// used in the path are dropped; one remaining candidate is taken; several are narrowed
// to those adjacent to the anchor and taken if exactly one remains. A resolved hop
// becomes the next anchor; an unresolved one clears it.
func (x *Index) Resolve(path []string, anchor string, adj Adjacent) []string {
	out := make([]string, len(path))
	used := map[string]bool{}
	anchor = strings.ToLower(anchor)
	for i, hop := range path {
		var c []string
		for _, k := range x.Candidates(hop) {
			if !used[k] {
				c = append(c, k)
			}
		}
		pick := ""
		switch {
		case len(c) == 1:
			pick = c[0]
		case len(c) > 1 && anchor != "" && adj != nil:
			n := 0
			for _, k := range c {
				if k != anchor && adj(anchor, k) {
					pick, n = k, n+1
				}
			}
			if n != 1 {
				pick = ""
			}
		}
		out[i] = pick
		if pick != "" {
			used[pick] = true
		}
		anchor = pick
	}
	return out
}
