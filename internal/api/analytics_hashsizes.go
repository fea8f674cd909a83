package api

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/corescope/corescope/internal/meshcore"
)

// computeAnalyticsHashSizes reports the path hash sizes in use (api.md §3.5 #54): per
// transmission with at least one hop (size from the packet header), per repeater (from
// its own adverts), per hour, the most-seen hop prefixes and the nodes using 2–3 bytes.
func (s *Server) computeAnalyticsHashSizes(r *http.Request) (any, error) {
	rows, err := s.analyticsRows(r)
	if err != nil {
		return nil, err
	}
	sizeKeys := []string{"1", "2", "3"}
	dist := map[string]int{"1": 0, "2": 0, "3": 0}
	hourly := map[string]map[string]int{}
	hopCount := map[string]int{}
	total := 0
	for t := range rows {
		p, err := meshcore.DecodeHex(t.RawHex, meshcore.DecodeOptions{SkipSignatureCheck: true})
		if err != nil || p.Path.TraceRoute || p.Path.HashCount == 0 || p.Path.HashSize < 1 || p.Path.HashSize > 3 {
			continue
		}
		k := strconv.Itoa(p.Path.HashSize)
		total++
		dist[k]++
		h := hourOf(t.FirstSeen)
		if hourly[h] == nil {
			hourly[h] = map[string]int{}
		}
		hourly[h][k]++
		for _, hop := range p.Path.Hops() {
			hopCount[strings.ToUpper(hop)]++
		}
	}
	e, err := s.nodeEnrichment()
	if err != nil {
		return nil, err
	}
	nodes, err := s.visibleNodes()
	if err != nil {
		return nil, err
	}
	byRepeaters := map[string]int{"1": 0, "2": 0, "3": 0}
	multi := []map[string]any{}
	byPrefix := map[string][]*NodeRow{}
	for i := range nodes {
		n := &nodes[i]
		pk := strings.ToLower(n.PublicKey)
		for _, size := range []int{1, 2, 3} {
			if len(pk) >= 2*size {
				byPrefix[strings.ToUpper(pk[:2*size])] = append(byPrefix[strings.ToUpper(pk[:2*size])], n)
			}
		}
		sizes := e.hashSizes[pk]
		if len(sizes) == 0 {
			continue
		}
		if strings.EqualFold(deref(n.Role), "repeater") && sizes[0] <= 3 {
			byRepeaters[strconv.Itoa(sizes[0])]++
		}
		if sizes[0] > 1 {
			multi = append(multi, map[string]any{"name": deref(n.Name), "hashSize": sizes[0], "packets": len(sizes),
				"lastSeen": deref(n.LastSeen), "pubkey": n.PublicKey, "role": deref(n.Role)})
		}
	}
	sort.Slice(multi, func(i, j int) bool { return multi[i]["packets"].(int) > multi[j]["packets"].(int) })
	hours := make([]string, 0, len(hourly))
	for h := range hourly {
		hours = append(hours, h)
	}
	sort.Strings(hours)
	hl := []map[string]any{}
	for _, h := range hours {
		row := map[string]any{"hour": h}
		for _, k := range sizeKeys {
			row[k] = hourly[h][k]
		}
		hl = append(hl, row)
	}
	top := []map[string]any{}
	for hex, c := range hopCount {
		row := map[string]any{"hex": hex, "size": len(hex) / 2, "count": c}
		if cands := byPrefix[hex]; len(cands) == 1 {
			row["name"], row["pubkey"] = cands[0].Name, cands[0].PublicKey
		}
		top = append(top, row)
	}
	sort.Slice(top, func(i, j int) bool {
		if top[i]["count"].(int) != top[j]["count"].(int) {
			return top[i]["count"].(int) > top[j]["count"].(int)
		}
		return top[i]["hex"].(string) < top[j]["hex"].(string)
	})
	top = top[:min(len(top), 50)]
	return map[string]any{"total": total, "distribution": dist, "distributionByRepeaters": byRepeaters,
		"hourly": hl, "topHops": top, "multiByteNodes": multi, "attributionMethod": "repeater"}, nil
}
