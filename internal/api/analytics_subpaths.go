package api

import (
	"iter"
	"net/http"
	"sort"
	"strings"
)

// Subpath is one recurring run of consecutive hops.
type Subpath struct {
	Path    string   `json:"path"`
	RawHops []string `json:"rawHops"`
	Count   int      `json:"count"`
	Hops    int      `json:"hops"`
	Pct     float64  `json:"pct"`
}

// bestHops returns t's best-observation hop list (upper-case) when it has at least
// minLen hops, else nil.
func bestHops(t *TxRow, minLen int) []string {
	b := t.BestObservation()
	if b == nil {
		return nil
	}
	hops := parsePath(b.PathJSON)
	if len(hops) < minLen {
		return nil
	}
	for k := range hops {
		hops[k] = strings.ToUpper(hops[k])
	}
	return hops
}

// bestPaths collects every transmission's best-observation hop list of at least minLen
// hops (the hop strings are fresh copies, so nothing of the rows is retained).
func bestPaths(rows iter.Seq[*TxRow], minLen int) [][]string {
	var paths [][]string
	for t := range rows {
		if hops := bestHops(t, minLen); hops != nil {
			paths = append(paths, hops)
		}
	}
	return paths
}

// countSubpaths counts, once per path, every run of minLen..maxLen consecutive hops and
// returns the top limit by count.
func countSubpaths(paths [][]string, minLen, maxLen, limit int, nodes []NodeRow) []Subpath {
	counts := map[string]int{}
	for _, hops := range paths {
		seen := map[string]bool{}
		for n := minLen; n <= min(maxLen, len(hops)); n++ {
			for start := 0; start+n <= len(hops); start++ {
				key := strings.Join(hops[start:start+n], ",")
				if !seen[key] {
					seen[key] = true
					counts[key]++
				}
			}
		}
	}
	out := make([]Subpath, 0, len(counts))
	for key, c := range counts {
		raw := strings.Split(key, ",")
		out = append(out, Subpath{RawHops: raw, Count: c, Hops: len(raw)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return strings.Join(out[i].RawHops, ",") < strings.Join(out[j].RawHops, ",")
	})
	out = out[:min(len(out), limit)]
	for i := range out {
		names := make([]string, len(out[i].RawHops))
		for k, hop := range out[i].RawHops {
			names[k] = hopName(hop, nodes)
		}
		out[i].Path = strings.Join(names, " → ")
		if len(paths) > 0 {
			out[i].Pct = round1(100 * float64(out[i].Count) / float64(len(paths)))
		}
	}
	return out
}

// computeAnalyticsSubpaths counts recurring runs of consecutive hops (api.md §3.5 #56).
func (s *Server) computeAnalyticsSubpaths(r *http.Request) (any, error) {
	q := r.URL.Query()
	minLen := max(2, clampInt(q.Get("minLen"), 2, 2, 64))
	maxLen := max(minLen, clampInt(q.Get("maxLen"), 8, 2, 64))
	limit := clampLimit(q.Get("limit"), 100, s.opts.Limits.AnalyticsMax)
	rows, err := s.analyticsRows(r)
	if err != nil {
		return nil, err
	}
	nodes, err := s.visibleNodes()
	if err != nil {
		return nil, err
	}
	paths := bestPaths(rows, minLen)
	return map[string]any{"subpaths": countSubpaths(paths, minLen, maxLen, limit, nodes), "totalPaths": len(paths)}, nil
}

// hopName names a hop prefix when exactly one visible node matches it.
func hopName(hop string, nodes []NodeRow) string {
	var match *NodeRow
	for i := range nodes {
		if strings.HasPrefix(strings.ToUpper(nodes[i].PublicKey), hop) {
			if match != nil {
				return hop
			}
			match = &nodes[i]
		}
	}
	if match == nil || deref(match.Name) == "" {
		return hop
	}
	return *match.Name
}
