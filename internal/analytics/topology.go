package analytics

import (
	"cmp"
	"sort"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/store"
)

// Topology summarises hop counts and the most-seen relays over every observation's
// path, with per-observer reach rings (reach.go; api.md §3.5 #51). JSON keys are in
// the order the endpoint has always written them (alphabetical).
type Topology struct {
	AvgHops          float64                  `json:"avgHops"`
	BestPathList     []ReachBest              `json:"bestPathList"`
	HopDistribution  []HopCount               `json:"hopDistribution"`
	HopsVsSNR        []HopSNR                 `json:"hopsVsSnr"`
	MaxHops          int                      `json:"maxHops"`
	MedianHops       float64                  `json:"medianHops"`
	MultiObsNodes    []ReachShared            `json:"multiObsNodes"`
	Observers        []ObserverName           `json:"observers"`
	PerObserverReach map[string]ObserverReach `json:"perObserverReach"`
	TopPairs         []HopPair                `json:"topPairs"`
	TopRepeaters     []RelayCount             `json:"topRepeaters"`
	UniqueNodes      int                      `json:"uniqueNodes"`
}

// HopCount counts observations with one path length.
type HopCount struct {
	Count int `json:"count"`
	Hops  int `json:"hops"`
}

// HopSNR is the mean SNR of the observations with one path length.
type HopSNR struct {
	AvgSNR *float64 `json:"avgSnr"`
	Count  int      `json:"count"`
	Hops   int      `json:"hops"`
}

// ObserverName is an observer id and its name.
type ObserverName struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// HopPair counts two consecutive hops.
type HopPair struct {
	Count int    `json:"count"`
	HopA  string `json:"hopA"`
	HopB  string `json:"hopB"`
}

// RelayCount counts one relay: every hop prefix (1-, 2- or 3-byte) that resolves to
// the same visible node is merged into one row shown with its most used prefix; a
// prefix that resolves to no single node is its own row with name and pubkey null.
type RelayCount struct {
	Count  int     `json:"count"`
	Hop    string  `json:"hop"`
	Name   *string `json:"name"`
	Pubkey *string `json:"pubkey"`
}

// Cut-offs of the topology lists (topPairs as the existing system: parity.md §3).
const (
	topologyHopBuckets = 25
	topologyTop        = 20
	topologyTopPairs   = 15
)

// ComputeTopology computes the topology view over window w.
func ComputeTopology(src Source, w Window) (Topology, error) {
	nodes, err := src.Nodes()
	if err != nil {
		return Topology{}, err
	}
	byKey := nodesByKey(nodes)
	type relay struct {
		count  int
		pubkey string
		forms  map[string]int
	}
	res := hops.NewResolver(HopNodes(nodes), nil, time.Time{})
	relayKey := map[string]string{} // hop → node key ("" = unresolved), once per prefix
	var hops []float64
	hopDist := map[int]int{}
	hopSnr := map[int]*Mean{}
	relays := map[string]*relay{}
	pairs := map[[2]string]int{}
	observers := map[string]string{}
	reachA := newReachAcc(src)
	src.Scan(w, func(t *store.Transmission) bool {
		for i := range t.Observations {
			o := &t.Observations[i]
			reachA.add(o)
			path := parsedPath(o.PathJSON)
			n := len(path)
			// Hop statistics describe relayed packets: a zero-hop observation has no hops to count.
			if n > 0 {
				hops = append(hops, float64(n))
			}
			hopDist[n]++
			if hopSnr[n] == nil {
				hopSnr[n] = &Mean{}
			}
			hopSnr[n].Add(o.SNR)
			if o.ObserverID != nil {
				observers[*o.ObserverID] = deref(o.ObserverName)
			}
			for k, hop := range path {
				hop = strings.ToUpper(hop)
				// A relay the operator hides (as the ingestor resolved it) is left out.
				if hidden := k < len(o.ResolvedPath) && o.ResolvedPath[k] != nil && src.HiddenNode(strings.ToLower(*o.ResolvedPath[k])); !hidden {
					pk, ok := relayKey[hop]
					if !ok {
						pk = res.Sure(hop, nil)
						relayKey[hop] = pk
					}
					key := cmp.Or(pk, hop)
					rl := relays[key]
					if rl == nil {
						rl = &relay{pubkey: pk, forms: map[string]int{}}
						relays[key] = rl
					}
					rl.count++
					rl.forms[hop]++
				}
				if k > 0 {
					pairs[[2]string{strings.ToUpper(path[k-1]), hop}]++
				}
			}
		}
		return true
	})
	st := Describe(hops)
	// uniqueNodes is the number of known (visible) nodes, not of distinct hop prefixes.
	out := Topology{UniqueNodes: len(nodes), AvgHops: st.Avg, MedianHops: st.Median, MaxHops: int(st.Max),
		HopDistribution: []HopCount{}, HopsVsSNR: []HopSNR{}, TopRepeaters: []RelayCount{}, TopPairs: []HopPair{}, Observers: []ObserverName{}}
	for _, k := range sortedKeys(hopDist) {
		if len(out.HopDistribution) < topologyHopBuckets {
			out.HopDistribution = append(out.HopDistribution, HopCount{Hops: k, Count: hopDist[k]})
		}
		// A path length heard without any SNR has nothing to plot.
		if avg := hopSnr[k].Value(); avg != nil {
			out.HopsVsSNR = append(out.HopsVsSNR, HopSNR{Hops: k, Count: hopDist[k], AvgSNR: avg})
		}
	}
	for _, rl := range relays {
		e := RelayCount{Hop: mostUsed(rl.forms), Count: rl.count}
		if n := byKey[rl.pubkey]; n != nil {
			e.Name, e.Pubkey = n.Name, &n.PublicKey
		}
		out.TopRepeaters = append(out.TopRepeaters, e)
	}
	top := out.TopRepeaters
	sort.Slice(top, func(i, j int) bool {
		if top[i].Count != top[j].Count {
			return top[i].Count > top[j].Count
		}
		return top[i].Hop < top[j].Hop
	})
	out.TopRepeaters = top[:min(len(top), topologyTop)]
	for k, c := range pairs {
		out.TopPairs = append(out.TopPairs, HopPair{HopA: k[0], HopB: k[1], Count: c})
	}
	tp := out.TopPairs
	sort.Slice(tp, func(i, j int) bool {
		if tp[i].Count != tp[j].Count {
			return tp[i].Count > tp[j].Count
		}
		if tp[i].HopA != tp[j].HopA {
			return tp[i].HopA < tp[j].HopA
		}
		return tp[i].HopB < tp[j].HopB
	})
	out.TopPairs = tp[:min(len(tp), topologyTopPairs)]
	for id, name := range observers {
		if !src.HiddenObserver(id) {
			out.Observers = append(out.Observers, ObserverName{ID: id, Name: name})
		}
	}
	sort.Slice(out.Observers, func(i, j int) bool { return out.Observers[i].ID < out.Observers[j].ID })
	out.PerObserverReach, out.MultiObsNodes, out.BestPathList = reachA.result(byKey)
	return out, nil
}

// mostUsed is the prefix used most often (ties: the shorter, then the smaller).
func mostUsed(forms map[string]int) string {
	best := ""
	for f, c := range forms {
		if b := forms[best]; best == "" || c > b || c == b && (len(f) < len(best) || len(f) == len(best) && f < best) {
			best = f
		}
	}
	return best
}
