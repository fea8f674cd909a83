package api

import (
	"net/http"
	"sort"
	"strings"
)

// computeAnalyticsTopology summarises hop counts and the most-seen relays over every
// observation's path, with per-observer reach rings (analytics_reach.go; api.md §3.5 #51).
func (s *Server) computeAnalyticsTopology(r *http.Request) (any, error) {
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
	type relay struct {
		count  int
		pubkey string
	}
	var hops []float64
	hopDist := map[int]int{}
	hopSnr := map[int]*avg{}
	relays := map[string]*relay{}
	pairs := map[[2]string]int{}
	unique := map[string]bool{}
	observers := map[string]string{}
	reachA := newReachAcc()
	for t := range rows {
		for _, o := range t.Observations {
			s.reachAdd(reachA, &o)
			path := hopList(o.PathJSON)
			n := len(path)
			hops = append(hops, float64(n))
			hopDist[n]++
			if hopSnr[n] == nil {
				hopSnr[n] = &avg{}
			}
			hopSnr[n].add(o.SNR)
			if o.ObserverID != nil {
				observers[*o.ObserverID] = deref(o.ObserverName)
			}
			for k, hop := range path {
				hop = strings.ToUpper(hop)
				unique[hop] = true
				rl := relays[hop]
				if rl == nil {
					rl = &relay{}
					relays[hop] = rl
				}
				rl.count++
				if k < len(o.ResolvedPath) && o.ResolvedPath[k] != nil {
					rl.pubkey = strings.ToLower(*o.ResolvedPath[k])
				}
				if k > 0 {
					pairs[[2]string{strings.ToUpper(path[k-1]), hop}]++
				}
			}
		}
	}
	st := describe(hops)
	dist := []map[string]int{}
	hvs := []map[string]any{}
	keys := make([]int, 0, len(hopDist))
	for k := range hopDist {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	for _, k := range keys {
		if len(dist) < 25 {
			dist = append(dist, map[string]int{"hops": k, "count": hopDist[k]})
		}
		hvs = append(hvs, map[string]any{"hops": k, "count": hopDist[k], "avgSnr": hopSnr[k].value()})
	}
	top := []map[string]any{}
	for hop, rl := range relays {
		e := map[string]any{"hop": hop, "count": rl.count}
		if n := byKey[rl.pubkey]; n != nil {
			e["name"], e["pubkey"] = n.Name, n.PublicKey
		} else if rl.pubkey != "" && s.hide.pubkey(rl.pubkey) {
			continue
		}
		top = append(top, e)
	}
	sort.Slice(top, func(i, j int) bool {
		if top[i]["count"].(int) != top[j]["count"].(int) {
			return top[i]["count"].(int) > top[j]["count"].(int)
		}
		return top[i]["hop"].(string) < top[j]["hop"].(string)
	})
	top = top[:min(len(top), 20)]
	tp := []map[string]any{}
	for k, c := range pairs {
		tp = append(tp, map[string]any{"hopA": k[0], "hopB": k[1], "count": c})
	}
	sort.Slice(tp, func(i, j int) bool {
		if tp[i]["count"].(int) != tp[j]["count"].(int) {
			return tp[i]["count"].(int) > tp[j]["count"].(int)
		}
		return tp[i]["hopA"].(string)+tp[i]["hopB"].(string) < tp[j]["hopA"].(string)+tp[j]["hopB"].(string)
	})
	tp = tp[:min(len(tp), 20)]
	obs := []map[string]string{}
	for id, name := range observers {
		if !s.hide.observer(id) {
			obs = append(obs, map[string]string{"id": id, "name": name})
		}
	}
	sort.Slice(obs, func(i, j int) bool { return obs[i]["id"] < obs[j]["id"] })
	reach, multi, best := s.topologyReach(reachA, byKey)
	return map[string]any{"uniqueNodes": len(unique), "avgHops": st.Avg, "medianHops": st.Median,
		"maxHops": int(st.Max), "hopDistribution": dist, "topRepeaters": top, "topPairs": tp, "hopsVsSnr": hvs,
		"observers": obs, "perObserverReach": reach, "multiObsNodes": multi, "bestPathList": best}, nil
}
