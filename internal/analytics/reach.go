package analytics

import (
	"sort"
	"strconv"
	"strings"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/store"
)

// reachCap bounds the cross-observer lists of the topology view.
const reachCap = 50

// ObserverReach is one observer's relays grouped into rings by hop distance.
type ObserverReach struct {
	ObserverName string      `json:"observer_name"`
	Rings        []ReachRing `json:"rings"`
}

// ReachRing lists the relays first heard at Hops from the observer.
type ReachRing struct {
	Hops  int         `json:"hops"`
	Nodes []ReachNode `json:"nodes"`
}

// ReachNode is one relay in a ring; DistRange is "min-max" when it varied.
type ReachNode struct {
	Count     int      `json:"count"`
	DistRange string   `json:"distRange,omitempty"`
	Hop       string   `json:"hop"`
	Name      NodeName `json:"name,omitzero"`
	Pubkey    string   `json:"pubkey,omitempty"`
}

// ReachShared is a relay heard by several observers.
type ReachShared struct {
	Hop       string          `json:"hop"`
	Name      NodeName        `json:"name,omitzero"`
	Observers []ReachObserver `json:"observers"`
	Pubkey    string          `json:"pubkey,omitempty"`
}

// ReachObserver is one observer's distance to a shared relay.
type ReachObserver struct {
	Count        int    `json:"count"`
	MinDist      int    `json:"minDist"`
	ObserverID   string `json:"observer_id"`
	ObserverName string `json:"observer_name"`
}

// ReachBest is a relay's closest observer.
type ReachBest struct {
	Hop          string   `json:"hop"`
	MinDist      int      `json:"minDist"`
	Name         NodeName `json:"name,omitzero"`
	ObserverID   string   `json:"observer_id"`
	ObserverName string   `json:"observer_name"`
	Pubkey       string   `json:"pubkey,omitempty"`
}

// reachNode is one relay as seen from one observer.
type reachNode struct {
	hop, pubkey      string
	count            int
	minDist, maxDist int
}

// reachAcc accumulates, observation by observation, each observer's relays and their
// hop distances.
type reachAcc struct {
	src   Source
	per   map[string]map[string]*reachNode
	names map[string]string
}

func newReachAcc(src Source) *reachAcc {
	return &reachAcc{src: src, per: map[string]map[string]*reachNode{}, names: map[string]string{}}
}

// add folds one observation's path into the accumulator.
func (a *reachAcc) add(o *store.Observation) {
	if o.ObserverID == nil || a.src.HiddenObserver(*o.ObserverID) {
		return
	}
	path := hops.ParsePathPtr(o.PathJSON)
	oid := *o.ObserverID
	a.names[oid] = deref(o.ObserverName)
	m := a.per[oid]
	if m == nil {
		m = map[string]*reachNode{}
		a.per[oid] = m
	}
	for k, hop := range path {
		hop = strings.ToUpper(hop)
		pk := ""
		if k < len(o.ResolvedPath) && o.ResolvedPath[k] != nil {
			pk = strings.ToLower(*o.ResolvedPath[k])
		}
		if pk != "" && a.src.HiddenNode(pk) {
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

// label names a relay: the visible node it resolved to, else its bare pubkey.
func label(rn *reachNode, byKey map[string]*store.Node) (NodeName, string) {
	if n := byKey[rn.pubkey]; n != nil {
		return NodeName{Known: true, Name: n.Name}, n.PublicKey
	}
	return NodeName{}, rn.pubkey
}

// result derives how many hops each relay sits from each observer (the last hop is 1
// hop away): per-observer rings, relays heard by several observers, and each relay's
// closest observer (api.md §3.5 #51). Relays are keyed by resolved pubkey when known,
// else by hop prefix; hidden nodes were dropped by add.
func (a *reachAcc) result(byKey map[string]*store.Node) (map[string]ObserverReach, []ReachShared, []ReachBest) {
	reach := map[string]ObserverReach{}
	type obsSeen struct {
		oid string
		rn  *reachNode
	}
	byNode := map[string][]obsSeen{}
	for oid, m := range a.per {
		rings := map[int][]ReachNode{}
		for key, rn := range m {
			e := ReachNode{Hop: rn.hop, Count: rn.count}
			e.Name, e.Pubkey = label(rn, byKey)
			if rn.maxDist != rn.minDist {
				e.DistRange = strconv.Itoa(rn.minDist) + "-" + strconv.Itoa(rn.maxDist)
			}
			rings[rn.minDist] = append(rings[rn.minDist], e)
			byNode[key] = append(byNode[key], obsSeen{oid, rn})
		}
		var out []ReachRing
		for _, d := range sortedKeys(rings) {
			list := rings[d]
			sort.Slice(list, func(i, j int) bool {
				if list[i].Count != list[j].Count {
					return list[i].Count > list[j].Count
				}
				return list[i].Hop < list[j].Hop
			})
			out = append(out, ReachRing{Hops: d, Nodes: list})
		}
		reach[oid] = ObserverReach{ObserverName: a.names[oid], Rings: out}
	}
	multi, best := []ReachShared{}, []ReachBest{}
	for _, key := range sortedKeys(byNode) {
		seen := byNode[key]
		sort.Slice(seen, func(i, j int) bool {
			if seen[i].rn.minDist != seen[j].rn.minDist {
				return seen[i].rn.minDist < seen[j].rn.minDist
			}
			return seen[i].oid < seen[j].oid
		})
		b := seen[0]
		name, pk := label(b.rn, byKey)
		best = append(best, ReachBest{Hop: b.rn.hop, Name: name, Pubkey: pk, MinDist: b.rn.minDist, ObserverID: b.oid, ObserverName: a.names[b.oid]})
		if len(seen) < 2 {
			continue
		}
		obs := make([]ReachObserver, len(seen))
		for i, x := range seen {
			obs[i] = ReachObserver{ObserverID: x.oid, ObserverName: a.names[x.oid], MinDist: x.rn.minDist, Count: x.rn.count}
		}
		multi = append(multi, ReachShared{Hop: b.rn.hop, Name: name, Pubkey: pk, Observers: obs})
	}
	sort.SliceStable(multi, func(i, j int) bool { return len(multi[i].Observers) > len(multi[j].Observers) })
	sort.SliceStable(best, func(i, j int) bool { return best[i].MinDist < best[j].MinDist })
	return reach, multi[:min(len(multi), reachCap)], best[:min(len(best), reachCap)]
}
