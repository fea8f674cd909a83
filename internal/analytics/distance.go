package analytics

import (
	"encoding/json"
	"math"
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// Distance measures the hops between consecutive resolved hops with GPS on each
// transmission's best observation (api.md §3.5 #53). JSON keys are in the order the
// endpoint has always written them (alphabetical).
type Distance struct {
	CatStats      map[string]DistStats `json:"catStats"`
	DistHistogram OptHistogram         `json:"distHistogram"`
	DistOverTime  []HourAvg            `json:"distOverTime"`
	Summary       DistSummary          `json:"summary"`
	TopHops       []DistHop            `json:"topHops"`
	TopPaths      []DistPath           `json:"topPaths"`
}

// DistStats summarise the hop distances of one class (R↔R, C↔R, C↔C).
type DistStats struct {
	Avg    float64 `json:"avg"`
	Count  int     `json:"count"`
	Max    float64 `json:"max"`
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
}

// HourAvg is a mean in one hour bucket.
type HourAvg struct {
	Avg   *float64 `json:"avg"`
	Count int      `json:"count"`
	Hour  string   `json:"hour"`
}

// DistSummary totals the distance view.
type DistSummary struct {
	AvgDist    float64 `json:"avgDist"`
	MaxDist    float64 `json:"maxDist"`
	TotalHops  int     `json:"totalHops"`
	TotalPaths int     `json:"totalPaths"`
}

// DistHop is one node pair, its distance and the SNR of its best observations.
type DistHop struct {
	BestSNR   *float64 `json:"bestSnr"`
	Dist      float64  `json:"dist"`
	FromName  string   `json:"fromName"`
	FromPk    string   `json:"fromPk"`
	Hash      string   `json:"hash"`
	MedianSNR *float64 `json:"medianSnr"`
	ObsCount  int      `json:"obsCount"`
	Timestamp string   `json:"timestamp"`
	ToName    string   `json:"toName"`
	ToPk      string   `json:"toPk"`
	Type      string   `json:"type"`
}

// DistPath is one transmission's measured path.
type DistPath struct {
	Hash      string        `json:"hash"`
	HopCount  int           `json:"hopCount"`
	Hops      []DistPathHop `json:"hops"`
	Timestamp string        `json:"timestamp"`
	TotalDist float64       `json:"totalDist"`
}

// DistPathHop is one measured hop of a path.
type DistPathHop struct {
	Dist     float64 `json:"dist"`
	FromName string  `json:"fromName"`
	FromPk   string  `json:"fromPk"`
	ToName   string  `json:"toName"`
	ToPk     string  `json:"toPk"`
}

// OptHistogram is a histogram written as [] when there is no sample.
type OptHistogram struct{ *Histogram }

// MarshalJSON writes the histogram, or [] when absent.
func (h OptHistogram) MarshalJSON() ([]byte, error) {
	if h.Histogram == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(h.Histogram)
}

// HaversineKm is the great-circle distance between two points.
func HaversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := (lat2-lat1)*math.Pi/180, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

func hasGPS(n *store.Node) bool {
	return n != nil && n.Lat != nil && n.Lon != nil && (*n.Lat != 0 || *n.Lon != 0)
}

// roleClass is "R" for repeaters and rooms, else "C".
func roleClass(n *store.Node) string {
	if r := strings.ToLower(deref(n.Role)); r == "repeater" || r == "room" {
		return "R"
	}
	return "C"
}

type distHop struct {
	from, to   *store.Node
	dist       float64
	typ        string
	snr        []float64
	obs        int
	hash, when string
}

// distTop bounds the top hop and path lists.
const distTop = 20

// maxHopKm drops a hop longer than this as implausible for LoRa: it comes from a
// wrongly resolved prefix or a node with a bad position (parity.md §3).
const maxHopKm = 300

// distChain is the chain of nodes a transmission's best observation travelled: an
// advert's originator first (it sent the packet to the first relay), then the resolved
// hops (nil where a hop did not resolve).
func distChain(t *store.Transmission, b *store.Observation) []*string {
	if t.PayloadType == nil || *t.PayloadType != 4 || t.FromPubkey == nil || *t.FromPubkey == "" {
		return b.ResolvedPath
	}
	return append([]*string{t.FromPubkey}, b.ResolvedPath...)
}

// ComputeDistance computes the distance view over window w.
func ComputeDistance(src Source, w Window) (Distance, error) {
	nodes, err := src.Nodes()
	if err != nil {
		return Distance{}, err
	}
	byKey := nodesByKey(nodes)
	pairs := map[[2]string]*distHop{}
	var all []float64
	cats := map[string][]float64{}
	overTime := map[string]*Mean{}
	var paths []DistPath
	src.Scan(w, func(t *store.Transmission) bool {
		b := t.BestObservation()
		if b == nil {
			return true
		}
		pr := DistPath{Hash: t.Hash, Timestamp: t.FirstSeen}
		chain := distChain(t, b)
		for k := 1; k < len(chain); k++ {
			if chain[k-1] == nil || chain[k] == nil {
				continue
			}
			a, c := byKey[strings.ToLower(*chain[k-1])], byKey[strings.ToLower(*chain[k])]
			if !hasGPS(a) || !hasGPS(c) || a == c {
				continue
			}
			d := Round2(HaversineKm(*a.Lat, *a.Lon, *c.Lat, *c.Lon))
			if d > maxHopKm {
				continue
			}
			typ := roleClass(a) + "↔" + roleClass(c)
			if typ == "R↔C" {
				typ = "C↔R"
			}
			all = append(all, d)
			cats[typ] = append(cats[typ], d)
			h := hourOf(t.FirstSeen)
			if overTime[h] == nil {
				overTime[h] = &Mean{}
			}
			overTime[h].Add(&d)
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
			pr.TotalDist += d
			pr.Hops = append(pr.Hops, DistPathHop{FromName: deref(a.Name), FromPk: a.PublicKey, ToName: deref(c.Name), ToPk: c.PublicKey, Dist: d})
		}
		if len(pr.Hops) > 0 {
			pr.HopCount = len(pr.Hops)
			paths = append(paths, pr)
		}
		return true
	})
	sort.Slice(paths, func(i, j int) bool {
		if paths[i].TotalDist != paths[j].TotalDist {
			return paths[i].TotalDist > paths[j].TotalDist
		}
		return paths[i].Hash < paths[j].Hash
	})
	top := []DistPath{}
	for _, p := range paths[:min(len(paths), distTop)] {
		p.TotalDist = Round2(p.TotalDist)
		top = append(top, p)
	}
	return distanceView(pairs, all, cats, overTime, len(paths), top), nil
}

func distanceView(pairs map[[2]string]*distHop, all []float64, cats map[string][]float64, overTime map[string]*Mean, totalPaths int, topPaths []DistPath) Distance {
	hops := make([]*distHop, 0, len(pairs))
	for _, h := range pairs {
		hops = append(hops, h)
	}
	sort.Slice(hops, func(i, j int) bool {
		if hops[i].dist != hops[j].dist {
			return hops[i].dist > hops[j].dist
		}
		if hops[i].from.PublicKey != hops[j].from.PublicKey {
			return hops[i].from.PublicKey < hops[j].from.PublicKey
		}
		return hops[i].to.PublicKey < hops[j].to.PublicKey
	})
	out := Distance{TopHops: []DistHop{}, TopPaths: topPaths, CatStats: map[string]DistStats{}, DistOverTime: []HourAvg{}}
	for _, h := range hops[:min(len(hops), distTop)] {
		var best, med *float64
		if len(h.snr) > 0 {
			st := Describe(h.snr)
			best, med = &st.Max, &st.Median
		}
		out.TopHops = append(out.TopHops, DistHop{FromName: deref(h.from.Name), FromPk: h.from.PublicKey, ToName: deref(h.to.Name),
			ToPk: h.to.PublicKey, Dist: h.dist, Type: h.typ, BestSNR: best, MedianSNR: med, ObsCount: h.obs,
			Hash: h.hash, Timestamp: h.when})
	}
	for _, k := range []string{"R↔R", "C↔R", "C↔C"} {
		st := Describe(cats[k])
		out.CatStats[k] = DistStats{Count: len(cats[k]), Avg: st.Avg, Median: st.Median, Min: st.Min, Max: st.Max}
	}
	st := Describe(all)
	if len(all) > 0 {
		h := NewHistogram(all, 20)
		out.DistHistogram.Histogram = &h
	}
	for _, h := range sortedKeys(overTime) {
		out.DistOverTime = append(out.DistOverTime, HourAvg{Hour: h, Avg: overTime[h].Value(), Count: overTime[h].N})
	}
	out.Summary = DistSummary{TotalHops: len(all), TotalPaths: totalPaths, AvgDist: st.Avg, MaxDist: st.Max}
	return out
}
