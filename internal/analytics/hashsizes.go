package analytics

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

// HashSizeSource adds what the hash-size and collision views need: the path hash
// sizes each node's own adverts used (lower-case pubkey → sizes, the newest first).
type HashSizeSource interface {
	Source
	NodeHashSizes() (map[string][]int, error)
}

// HashSizes reports the path hash sizes in use (api.md §3.5 #54). JSON keys are in
// the order the endpoint has always written them (alphabetical).
type HashSizes struct {
	AttributionMethod       string          `json:"attributionMethod"`
	Distribution            map[string]int  `json:"distribution"`
	DistributionByRepeaters map[string]int  `json:"distributionByRepeaters"`
	Hourly                  []HashSizeHour  `json:"hourly"`
	MultiByteCapability     []MultiByteCap  `json:"multiByteCapability"`
	MultiByteNodes          []MultiByteNode `json:"multiByteNodes"`
	TopHops                 []HopPrefix     `json:"topHops"`
	Total                   int             `json:"total"`
}

// HashSizeHour counts transmissions per hash size in one hour bucket.
type HashSizeHour struct {
	One   int    `json:"1"`
	Two   int    `json:"2"`
	Three int    `json:"3"`
	Hour  string `json:"hour"`
}

// MultiByteNode is a node whose newest advert used a 2- or 3-byte path hash.
type MultiByteNode struct {
	HashSize int    `json:"hashSize"`
	LastSeen string `json:"lastSeen"`
	Name     string `json:"name"`
	Packets  int    `json:"packets"`
	Pubkey   string `json:"pubkey"`
	Role     string `json:"role"`
}

// HopPrefix counts one hop prefix over every observation's path; named when the hop
// resolver ties it to one visible relay.
type HopPrefix struct {
	Count  int      `json:"count"`
	Hex    string   `json:"hex"`
	Name   NodeName `json:"name,omitzero"`
	Pubkey string   `json:"pubkey,omitempty"`
	Size   int      `json:"size"`
}

// hashSizesTopHops bounds the hop prefix list.
const hashSizesTopHops = 50

// pathPayload is the PATH payload type, whose route is not a relay path.
const pathPayload = 8

// ComputeHashSizes computes the hash-size view over window w: per transmission with
// at least one hop (size from the packet header), per repeater (from its own adverts),
// per hour, the most-seen hop prefixes (every occurrence in every observation's path),
// the nodes using 2–3 bytes and every node's multi-byte capability. Attribution is by
// observer without a region, by repeater with one.
func ComputeHashSizes(src HashSizeSource, w Window) (HashSizes, error) {
	method := "observer"
	if w.Observers != nil || w.Empty {
		method = "repeater"
	}
	pathSizes := map[string]int{} // lower-case hop → largest header hash size it travelled in
	out := HashSizes{AttributionMethod: method, Distribution: map[string]int{"1": 0, "2": 0, "3": 0},
		DistributionByRepeaters: map[string]int{"1": 0, "2": 0, "3": 0}, Hourly: []HashSizeHour{}, MultiByteNodes: []MultiByteNode{}, TopHops: []HopPrefix{}}
	hourly := map[string]*HashSizeHour{}
	hopCount := map[string]int{}
	src.Scan(w, func(t *store.Transmission) bool {
		p, err := meshcore.DecodeHex(t.RawHex, meshcore.DecodeOptions{SkipSignatureCheck: true})
		size := 0 // the header hash size the observed hops travelled with (not TRACE or PATH routes)
		if err == nil && !p.Path.TraceRoute && t.PayloadType != nil && *t.PayloadType != pathPayload {
			size = p.Path.HashSize
		}
		for i := range t.Observations {
			for _, hop := range hops.ParsePathPtr(t.Observations[i].PathJSON) {
				hopCount[strings.ToUpper(hop)]++
				if h := strings.ToLower(hop); size >= 2 && size <= 3 {
					pathSizes[h] = max(pathSizes[h], size)
				}
			}
		}
		if err != nil || p.Path.TraceRoute || p.Path.HashCount == 0 || p.Path.HashSize < 1 || p.Path.HashSize > 3 {
			return true
		}
		out.Total++
		out.Distribution[strconv.Itoa(p.Path.HashSize)]++
		h := hourOf(t.FirstSeen)
		if hourly[h] == nil {
			hourly[h] = &HashSizeHour{Hour: h}
		}
		switch p.Path.HashSize {
		case 1:
			hourly[h].One++
		case 2:
			hourly[h].Two++
		case 3:
			hourly[h].Three++
		}
		return true
	})
	hashSizes, err := src.NodeHashSizes()
	if err != nil {
		return HashSizes{}, err
	}
	nodes, err := src.Nodes()
	if err != nil {
		return HashSizes{}, err
	}
	res := hops.NewResolver(HopNodes(nodes), nil, time.Time{})
	byKey := map[string]*store.Node{}
	for i := range nodes {
		n := &nodes[i]
		pk := strings.ToLower(n.PublicKey)
		byKey[pk] = n
		sizes := hashSizes[pk]
		if len(sizes) == 0 {
			continue
		}
		if strings.EqualFold(deref(n.Role), "repeater") && sizes[0] <= 3 {
			out.DistributionByRepeaters[strconv.Itoa(sizes[0])]++
		}
		if sizes[0] > 1 {
			out.MultiByteNodes = append(out.MultiByteNodes, MultiByteNode{Name: deref(n.Name), HashSize: sizes[0], Packets: len(sizes),
				LastSeen: deref(n.LastSeen), Pubkey: n.PublicKey, Role: deref(n.Role)})
		}
	}
	multi := out.MultiByteNodes
	sort.Slice(multi, func(i, j int) bool { return multi[i].Packets > multi[j].Packets })
	for _, h := range sortedKeys(hourly) {
		out.Hourly = append(out.Hourly, *hourly[h])
	}
	for hex, c := range hopCount {
		row := HopPrefix{Hex: hex, Size: len(hex) / 2, Count: c}
		if n := byKey[res.Sure(hex, nil)]; n != nil {
			row.Name, row.Pubkey = NodeName{Known: true, Name: n.Name}, n.PublicKey
		}
		out.TopHops = append(out.TopHops, row)
	}
	top := out.TopHops
	sort.Slice(top, func(i, j int) bool {
		if top[i].Count != top[j].Count {
			return top[i].Count > top[j].Count
		}
		return top[i].Hex < top[j].Hex
	})
	out.TopHops = top[:min(len(top), hashSizesTopHops)]
	out.MultiByteCapability = multiByteCapability(nodes, hashSizes, pathSizes)
	return out, nil
}
