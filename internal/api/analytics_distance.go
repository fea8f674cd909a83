package api

import (
	"math"
	"net/http"
	"sort"
	"strings"
)

// haversineKm is the great-circle distance between two points.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := (lat2-lat1)*math.Pi/180, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

func hasGPS(n *NodeRow) bool {
	return n != nil && n.Lat != nil && n.Lon != nil && (*n.Lat != 0 || *n.Lon != 0)
}

func roleClass(n *NodeRow) string {
	if r := strings.ToLower(deref(n.Role)); r == "repeater" || r == "room" {
		return "R"
	}
	return "C"
}

type distHop struct {
	from, to   *NodeRow
	dist       float64
	typ        string
	snr        []float64
	obs        int
	hash, when string
}

// computeAnalyticsDistance measures hops between consecutive resolved hops with GPS on each
// transmission's best observation (api.md §3.5 #53).
func (s *Server) computeAnalyticsDistance(r *http.Request) (any, error) {
	rows, err := s.analyticsRows(r)
	if err != nil {
		return nil, err
	}
	nodes, err := s.visibleNodes()
	if err != nil {
		return nil, err
	}
	byKey := map[string]*NodeRow{}
	for i := range nodes {
		byKey[strings.ToLower(nodes[i].PublicKey)] = &nodes[i]
	}
	pairs := map[[2]string]*distHop{}
	var all []float64
	cats := map[string][]float64{}
	overTime := map[string]*avg{}
	type pathRec struct {
		hash, when string
		total      float64
		hops       []map[string]any
	}
	var paths []pathRec
	for t := range rows {
		b := t.BestObservation()
		if b == nil {
			continue
		}
		pr := pathRec{hash: t.Hash, when: t.FirstSeen}
		for k := 1; k < len(b.ResolvedPath); k++ {
			if b.ResolvedPath[k-1] == nil || b.ResolvedPath[k] == nil {
				continue
			}
			a, c := byKey[strings.ToLower(*b.ResolvedPath[k-1])], byKey[strings.ToLower(*b.ResolvedPath[k])]
			if !hasGPS(a) || !hasGPS(c) || a == c {
				continue
			}
			d := round2(haversineKm(*a.Lat, *a.Lon, *c.Lat, *c.Lon))
			typ := roleClass(a) + "↔" + roleClass(c)
			if typ == "R↔C" {
				typ = "C↔R"
			}
			all = append(all, d)
			cats[typ] = append(cats[typ], d)
			h := hourOf(t.FirstSeen)
			if overTime[h] == nil {
				overTime[h] = &avg{}
			}
			overTime[h].add(&d)
			key := [2]string{a.PublicKey, c.PublicKey}
			ph := pairs[key]
			if ph == nil {
				ph = &distHop{from: a, to: c, dist: d, typ: typ}
				pairs[key] = ph
			}
			ph.obs++
			if b.SNR != nil {
				ph.snr = append(ph.snr, *b.SNR)
			}
			if t.FirstSeen > ph.when {
				ph.hash, ph.when = t.Hash, t.FirstSeen
			}
			pr.total += d
			pr.hops = append(pr.hops, map[string]any{"fromName": deref(a.Name), "fromPk": a.PublicKey, "toName": deref(c.Name), "toPk": c.PublicKey, "dist": d})
		}
		if len(pr.hops) > 0 {
			paths = append(paths, pr)
		}
	}
	return distanceResponse(pairs, all, cats, overTime, len(paths), func() []map[string]any {
		sort.Slice(paths, func(i, j int) bool { return paths[i].total > paths[j].total })
		out := []map[string]any{}
		for _, p := range paths[:min(len(paths), 20)] {
			out = append(out, map[string]any{"hash": p.hash, "totalDist": round2(p.total), "hopCount": len(p.hops), "timestamp": p.when, "hops": p.hops})
		}
		return out
	}()), nil
}

func distanceResponse(pairs map[[2]string]*distHop, all []float64, cats map[string][]float64, overTime map[string]*avg, totalPaths int, topPaths []map[string]any) map[string]any {
	hops := make([]*distHop, 0, len(pairs))
	for _, h := range pairs {
		hops = append(hops, h)
	}
	sort.Slice(hops, func(i, j int) bool {
		if hops[i].dist != hops[j].dist {
			return hops[i].dist > hops[j].dist
		}
		return hops[i].from.PublicKey+hops[i].to.PublicKey < hops[j].from.PublicKey+hops[j].to.PublicKey
	})
	top := []map[string]any{}
	for _, h := range hops[:min(len(hops), 20)] {
		var best, med *float64
		if len(h.snr) > 0 {
			st := describe(h.snr)
			best, med = &st.Max, &st.Median
		}
		top = append(top, map[string]any{"fromName": deref(h.from.Name), "fromPk": h.from.PublicKey, "toName": deref(h.to.Name),
			"toPk": h.to.PublicKey, "dist": h.dist, "type": h.typ, "bestSnr": best, "medianSnr": med, "obsCount": h.obs,
			"hash": h.hash, "timestamp": h.when})
	}
	catStats := map[string]any{}
	for _, k := range []string{"R↔R", "C↔R", "C↔C"} {
		st := describe(cats[k])
		catStats[k] = map[string]any{"count": len(cats[k]), "avg": st.Avg, "median": st.Median, "min": st.Min, "max": st.Max}
	}
	st := describe(all)
	var hist any = []any{}
	if len(all) > 0 {
		hist = histogram(all, 20)
	}
	hours := make([]string, 0, len(overTime))
	for h := range overTime {
		hours = append(hours, h)
	}
	sort.Strings(hours)
	ot := []map[string]any{}
	for _, h := range hours {
		ot = append(ot, map[string]any{"hour": h, "avg": overTime[h].value(), "count": overTime[h].n})
	}
	return map[string]any{"summary": map[string]any{"totalHops": len(all), "totalPaths": totalPaths, "avgDist": st.Avg, "maxDist": st.Max},
		"topHops": top, "topPaths": topPaths, "catStats": catStats, "distHistogram": hist, "distOverTime": ot}
}
