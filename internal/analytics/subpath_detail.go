package analytics

import (
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// SubpathDetail describes the transmissions whose best path contains a run of hops in
// order (api.md §3.5 #58). JSON keys are in the order the endpoint has always written
// them (alphabetical).
type SubpathDetail struct {
	FirstSeen        *string       `json:"firstSeen"`
	Hops             []string      `json:"hops"`
	HourDistribution []int         `json:"hourDistribution"`
	LastSeen         *string       `json:"lastSeen"`
	Nodes            []SubpathHop  `json:"nodes"`
	Observers        []NameCount   `json:"observers"`
	ParentPaths      []PathCount   `json:"parentPaths"`
	Signal           SubpathSignal `json:"signal"`
	TotalMatches     int           `json:"totalMatches"`
}

// SubpathHop is one hop of the run, located when exactly one named node matches it.
type SubpathHop struct {
	Hop    string        `json:"hop"`
	Lat    Opt[*float64] `json:"lat,omitzero"`
	Lon    Opt[*float64] `json:"lon,omitzero"`
	Name   string        `json:"name"`
	Pubkey string        `json:"pubkey,omitempty"`
}

// NameCount counts one name.
type NameCount struct {
	Count int    `json:"count"`
	Name  string `json:"name"`
}

// PathCount counts one full path.
type PathCount struct {
	Count int    `json:"count"`
	Path  string `json:"path"`
}

// SubpathSignal is the mean signal of the matches' best observations.
type SubpathSignal struct {
	AvgRSSI *float64 `json:"avgRssi"`
	AvgSNR  *float64 `json:"avgSnr"`
	Samples int      `json:"samples"`
}

// subpathDetailTop bounds the parent-path and observer lists.
const subpathDetailTop = 20

// ComputeSubpathDetail computes the detail of the run hops (any case, at least two)
// over window w.
func ComputeSubpathDetail(src Source, w Window, hops []string) (SubpathDetail, error) {
	nodes, err := src.Nodes()
	if err != nil {
		return SubpathDetail{}, err
	}
	want := strings.ToLower(strings.Join(hops, ",")) // bestHops are lower case
	hours := make([]int, 24)
	parents := map[string]int{}
	observers := map[string]int{}
	var snr, rssi Mean
	var first, last string
	matches := 0
	src.Scan(w, func(t *store.Transmission) bool {
		p := bestHops(t, len(hops))
		if p == nil || !strings.Contains(","+strings.Join(p, ",")+",", ","+want+",") {
			return true
		}
		matches++
		if first == "" || t.FirstSeen < first {
			first = t.FirstSeen
		}
		last = max(last, t.FirstSeen)
		if ts, ok := ParseTime(t.FirstSeen); ok {
			hours[ts.Hour()]++
		}
		parents[strings.Join(p, " → ")]++
		b := t.BestObservation()
		snr.Add(b.SNR)
		rssi.Add(b.RSSI)
		for _, o := range t.Observations {
			name := deref(o.ObserverName)
			if name == "" {
				name = deref(o.ObserverID)
			}
			if name != "" {
				observers[name]++
			}
		}
		return true
	})
	out := SubpathDetail{Hops: hops, HourDistribution: hours, TotalMatches: matches, FirstSeen: strPtr(first), LastSeen: strPtr(last),
		Signal: SubpathSignal{AvgSNR: snr.Value(), AvgRSSI: rssi.Value(), Samples: snr.N}, Nodes: []SubpathHop{},
		ParentPaths: []PathCount{}, Observers: []NameCount{}}
	namer := newHopNamer(nodes)
	for _, h := range hops {
		e := SubpathHop{Hop: h, Name: namer.name(h)}
		if n := namer.node(h); n != nil && e.Name != h {
			e.Pubkey, e.Lat, e.Lon = n.PublicKey, Some(n.Lat), Some(n.Lon)
		}
		out.Nodes = append(out.Nodes, e)
	}
	for _, k := range topKeys(parents, subpathDetailTop) {
		out.ParentPaths = append(out.ParentPaths, PathCount{Path: k, Count: parents[k]})
	}
	for _, k := range topKeys(observers, subpathDetailTop) {
		out.Observers = append(out.Observers, NameCount{Name: k, Count: observers[k]})
	}
	return out, nil
}

// topKeys returns m's n keys with the highest counts, ties by key.
func topKeys(m map[string]int, n int) []string {
	keys := sortedKeys(m)
	sortStableByCount(keys, m)
	return keys[:min(len(keys), n)]
}

// sortStableByCount orders keys by count, highest first, keeping the given order on ties.
func sortStableByCount(keys []string, m map[string]int) {
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && m[keys[j]] > m[keys[j-1]]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}

// strPtr is nil for "", else &s.
func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
