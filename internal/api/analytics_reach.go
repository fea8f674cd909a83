package api

import (
	"sort"
	"strconv"
	"strings"
)

// reachCap bounds the cross-observer lists of the topology view.
const reachCap = 50

// reachNode is one relay as seen from one observer.
type reachNode struct {
	hop, pubkey      string
	count            int
	minDist, maxDist int
}

// reachAcc accumulates, observation by observation, each observer's relays and their hop
// distances for topologyReach.
type reachAcc struct {
	per   map[string]map[string]*reachNode
	names map[string]string
}

func newReachAcc() *reachAcc {
	return &reachAcc{per: map[string]map[string]*reachNode{}, names: map[string]string{}}
}

// add folds one observation's path into the accumulator.
func (s *Server) reachAdd(a *reachAcc, o *ObsRow) {
	per, names := a.per, a.names
	if o.ObserverID == nil || s.hide.observer(*o.ObserverID) {
		return
	}
	path := hopList(o.PathJSON)
	oid := *o.ObserverID
	names[oid] = deref(o.ObserverName)
	m := per[oid]
	if m == nil {
		m = map[string]*reachNode{}
		per[oid] = m
	}
	for k, hop := range path {
		hop = strings.ToUpper(hop)
		pk := ""
		if k < len(o.ResolvedPath) && o.ResolvedPath[k] != nil {
			pk = strings.ToLower(*o.ResolvedPath[k])
		}
		if pk != "" && s.hide.pubkey(pk) {
			continue
		}
		key := hop
		if pk != "" {
			key = pk
		}
		d := len(path) - k
		rn := m[key]
		if rn == nil {
			rn = &reachNode{hop: hop, pubkey: pk, minDist: d, maxDist: d}
			m[key] = rn
		}
		rn.count++
		rn.minDist, rn.maxDist = min(rn.minDist, d), max(rn.maxDist, d)
	}
}

// topologyReach derives, from every observation's path, how many hops each relay sits
// from each observer (the last hop is 1 hop away): per-observer rings, relays heard by
// several observers, and each relay's closest observer (api.md §3.5 #51). Relays are
// keyed by resolved pubkey when known, else by hop prefix; hidden nodes are dropped.
func (s *Server) topologyReach(a *reachAcc, byKey map[string]*NodeRow) (map[string]any, []map[string]any, []map[string]any) {
	per, names := a.per, a.names
	label := func(rn *reachNode, e map[string]any) map[string]any {
		e["hop"] = rn.hop
		if n := byKey[rn.pubkey]; n != nil {
			e["name"], e["pubkey"] = n.Name, n.PublicKey
		} else if rn.pubkey != "" {
			e["pubkey"] = rn.pubkey
		}
		return e
	}
	reach := map[string]any{}
	type obsSeen struct {
		oid string
		rn  *reachNode
	}
	byNode := map[string][]obsSeen{}
	for oid, m := range per {
		rings := map[int][]map[string]any{}
		for key, rn := range m {
			e := label(rn, map[string]any{"count": rn.count})
			if rn.maxDist != rn.minDist {
				e["distRange"] = strconv.Itoa(rn.minDist) + "-" + strconv.Itoa(rn.maxDist)
			}
			rings[rn.minDist] = append(rings[rn.minDist], e)
			byNode[key] = append(byNode[key], obsSeen{oid, rn})
		}
		var out []map[string]any
		for _, d := range sortedIntKeys(rings) {
			list := rings[d]
			sort.Slice(list, func(i, j int) bool {
				if list[i]["count"].(int) != list[j]["count"].(int) {
					return list[i]["count"].(int) > list[j]["count"].(int)
				}
				return list[i]["hop"].(string) < list[j]["hop"].(string)
			})
			out = append(out, map[string]any{"hops": d, "nodes": list})
		}
		reach[oid] = map[string]any{"observer_name": names[oid], "rings": out}
	}
	multi, best := []map[string]any{}, []map[string]any{}
	for _, key := range sortedStringKeys(byNode) {
		seen := byNode[key]
		sort.Slice(seen, func(i, j int) bool {
			if seen[i].rn.minDist != seen[j].rn.minDist {
				return seen[i].rn.minDist < seen[j].rn.minDist
			}
			return seen[i].oid < seen[j].oid
		})
		b := seen[0]
		best = append(best, label(b.rn, map[string]any{"minDist": b.rn.minDist, "observer_id": b.oid, "observer_name": names[b.oid]}))
		if len(seen) < 2 {
			continue
		}
		obs := make([]map[string]any, len(seen))
		for i, x := range seen {
			obs[i] = map[string]any{"observer_id": x.oid, "observer_name": names[x.oid], "minDist": x.rn.minDist, "count": x.rn.count}
		}
		multi = append(multi, label(b.rn, map[string]any{"observers": obs}))
	}
	sort.SliceStable(multi, func(i, j int) bool {
		return len(multi[i]["observers"].([]map[string]any)) > len(multi[j]["observers"].([]map[string]any))
	})
	sort.SliceStable(best, func(i, j int) bool { return best[i]["minDist"].(int) < best[j]["minDist"].(int) })
	return reach, multi[:min(len(multi), reachCap)], best[:min(len(best), reachCap)]
}

func sortedIntKeys[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

func sortedStringKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
