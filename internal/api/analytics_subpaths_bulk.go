package api

import (
	"net/http"
	"strconv"
	"strings"
)

type subpathGroup struct{ min, max, limit int }

// parseGroups reads "2-2:50,3-3:30"; errors are the client-visible text.
func parseGroups(v string) ([]subpathGroup, string) {
	if strings.TrimSpace(v) == "" {
		return nil, "groups parameter required (e.g. groups=2-2:50,3-3:30)"
	}
	var out []subpathGroup
	for _, g := range splitList(v) {
		rng, lim, ok := strings.Cut(g, ":")
		if !ok {
			return nil, "invalid group format: " + g
		}
		lo, hi, ok := strings.Cut(rng, "-")
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if !ok || err1 != nil || err2 != nil {
			return nil, "invalid range format: " + rng
		}
		l, err := strconv.Atoi(lim)
		if err != nil || a < 2 || b < a || l < 1 || b > 64 {
			return nil, "invalid group: " + g
		}
		out = append(out, subpathGroup{a, b, min(l, 200)})
	}
	return out, ""
}

// computeSubpathsBulk runs several length buckets over one scan (api.md §3.5 #57); like the
// reference, validation errors answer 200 {"error"}.
func (s *Server) computeSubpathsBulk(r *http.Request) (any, error) {
	if _, err := parseList("groups", r.URL.Query().Get("groups"), maxGroups); err != nil {
		return nil, err
	}
	groups, msg := parseGroups(r.URL.Query().Get("groups"))
	if msg != "" {
		return map[string]string{"error": msg}, nil
	}
	rows, err := s.analyticsRows(r)
	if err != nil {
		return nil, err
	}
	nodes, err := s.visibleNodes()
	if err != nil {
		return nil, err
	}
	minLen := 64
	for _, g := range groups {
		minLen = min(minLen, g.min)
	}
	all := bestPaths(rows, minLen)
	results := []map[string]any{}
	for _, g := range groups {
		var paths [][]string
		for _, p := range all {
			if len(p) >= g.min {
				paths = append(paths, p)
			}
		}
		results = append(results, map[string]any{"subpaths": countSubpaths(paths, g.min, g.max, g.limit, nodes), "totalPaths": len(paths)})
	}
	return map[string]any{"results": results}, nil
}

// computeSubpathDetail describes the transmissions whose path contains hops in order
// (api.md §3.5 #58).
func (s *Server) computeSubpathDetail(r *http.Request) (any, error) {
	list, err := parseList("hops", r.URL.Query().Get("hops"), maxHops)
	if err != nil {
		return nil, err
	}
	var hops []string
	for _, h := range list {
		hops = append(hops, strings.ToUpper(h))
	}
	if len(hops) < 2 {
		return map[string]string{"error": "Need at least 2 hops"}, nil
	}
	rows, err := s.analyticsRows(r)
	if err != nil {
		return nil, err
	}
	nodes, err := s.visibleNodes()
	if err != nil {
		return nil, err
	}
	want := strings.Join(hops, ",")
	hours := make([]int, 24)
	parents := map[string]int{}
	observers := map[string]int{}
	var snr, rssi avg
	var first, last string
	matches := 0
	for t := range rows {
		p := bestHops(t, len(hops))
		if p == nil || !strings.Contains(","+strings.Join(p, ",")+",", ","+want+",") {
			continue
		}
		matches++
		first, last = minStr(orStr(first, t.FirstSeen), t.FirstSeen), maxStr(last, t.FirstSeen)
		if ts, ok := parseObsTime(t.FirstSeen); ok {
			hours[ts.Hour()]++
		}
		parents[strings.Join(p, " → ")]++
		b := t.BestObservation()
		snr.add(b.SNR)
		rssi.add(b.RSSI)
		for _, o := range t.Observations {
			if name := orStr(deref(o.ObserverName), deref(o.ObserverID)); name != "" {
				observers[name]++
			}
		}
	}
	hopNodes := []map[string]any{}
	for _, h := range hops {
		e := map[string]any{"hop": h, "name": hopName(h, nodes)}
		for i := range nodes {
			if strings.HasPrefix(strings.ToUpper(nodes[i].PublicKey), h) && hopName(h, nodes) != h {
				e["pubkey"], e["lat"], e["lon"] = nodes[i].PublicKey, nodes[i].Lat, nodes[i].Lon
			}
		}
		hopNodes = append(hopNodes, e)
	}
	return map[string]any{"hops": hops, "nodes": hopNodes, "totalMatches": matches,
		"firstSeen": strp(first), "lastSeen": strp(last),
		"signal":           map[string]any{"avgSnr": snr.value(), "avgRssi": rssi.value(), "samples": snr.n},
		"hourDistribution": hours, "parentPaths": topCounts(parents, "path", 20), "observers": topCounts(observers, "name", 20)}, nil
}

func orStr(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

// topCounts turns a count map into [{<label>: k, count}] sorted by count desc, then key.
func topCounts(m map[string]int, label string, n int) []map[string]any {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortByCount(keys, m)
	out := []map[string]any{}
	for _, k := range keys[:min(len(keys), n)] {
		out = append(out, map[string]any{label: k, "count": m[k]})
	}
	return out
}

func sortByCount(keys []string, m map[string]int) {
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && (m[keys[j]] > m[keys[j-1]] || m[keys[j]] == m[keys[j-1]] && keys[j] < keys[j-1]); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}
