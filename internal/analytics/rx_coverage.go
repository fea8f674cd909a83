package analytics

import (
	"math"
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// Caps of a coverage answer (api.md §3.9 #45): the densest cells are kept, and each
// cell lists its most-heard nodes.
const (
	CoverageMaxCells    = 5000
	coverageMaxCellNode = 25
)

// ClientRx is one mobile-client reception: receiver RxPubkey heard the node whose key
// starts with HeardKey (2 or 3 bytes of a hop hash, or a whole advert key) at Lat/Lon.
type ClientRx struct {
	RxPubkey, HeardKey string
	SNR                *float64
	Lat, Lon           float64
}

// CoverageFC is a GeoJSON FeatureCollection of hex cells.
type CoverageFC struct {
	Type      string            `json:"type"`
	Features  []CoverageFeature `json:"features"`
	Truncated bool              `json:"truncated,omitempty"`
	// Set by the per-node view: its receptions and distinct receivers in the window.
	MobileReceptions *int `json:"mobile_receptions,omitempty"`
	MobileClients    *int `json:"mobile_clients,omitempty"`
}

// CoverageFeature is one hex cell.
type CoverageFeature struct {
	Type       string      `json:"type"`
	Geometry   HexGeometry `json:"geometry"`
	Properties CellSummary `json:"properties"`
}

// HexGeometry is a GeoJSON polygon.
type HexGeometry struct {
	Type        string         `json:"type"`
	Coordinates [][][2]float64 `json:"coordinates"`
}

// CellSummary counts the receptions in one cell.
type CellSummary struct {
	Cell           string     `json:"cell"`
	Count          int        `json:"count"`
	BestSNR        *float64   `json:"best_snr"`
	HasSig         bool       `json:"has_sig"`
	Nodes          []CellNode `json:"nodes"`
	NodesTruncated bool       `json:"nodes_truncated,omitempty"`
}

// CellNode is one heard node within a cell; Pubkey and Name are set when the heard
// key names exactly one known node.
type CellNode struct {
	Prefix string   `json:"prefix"`
	Pubkey string   `json:"pubkey,omitempty"`
	Name   *string  `json:"name,omitempty"`
	SNR    *float64 `json:"snr"`
	Count  int      `json:"count"`
}

// HeardResolver names the node behind a heard key: the one known node whose public key
// starts with it. Receptions of hidden nodes are dropped by the computations.
type HeardResolver struct {
	nodes  []store.Node // sorted by public key
	hidden map[string]bool
	memo   map[string]int
}

// NewHeardResolver indexes every stored node (hidden ones included, so their
// receptions can be dropped rather than shown under a bare prefix).
func NewHeardResolver(all []store.Node, hidden map[string]bool) *HeardResolver {
	ns := append([]store.Node(nil), all...)
	for i := range ns {
		ns[i].PublicKey = strings.ToLower(ns[i].PublicKey)
	}
	sort.Slice(ns, func(i, j int) bool { return ns[i].PublicKey < ns[j].PublicKey })
	return &HeardResolver{nodes: ns, hidden: hidden, memo: map[string]int{}}
}

// resolve returns the index of the single node whose key starts with key, -1 when
// none or several do.
func (h *HeardResolver) resolve(key string) int {
	if i, ok := h.memo[key]; ok {
		return i
	}
	i := sort.Search(len(h.nodes), func(i int) bool { return h.nodes[i].PublicKey >= key })
	out := -1
	if i < len(h.nodes) && strings.HasPrefix(h.nodes[i].PublicKey, key) &&
		(i+1 == len(h.nodes) || !strings.HasPrefix(h.nodes[i+1].PublicKey, key)) {
		out = i
	}
	h.memo[key] = out
	return out
}

// Node returns the pubkey and name a heard key resolves to ("" when it does not), and
// whether the reception must be dropped because that node is hidden.
func (h *HeardResolver) Node(key string) (pk string, name *string, hidden bool) {
	i := h.resolve(strings.ToLower(key))
	if i < 0 {
		return "", nil, false
	}
	n := &h.nodes[i]
	return n.PublicKey, n.Name, h.hidden[n.PublicKey]
}

// ComputeCoverage bins receptions into hex cells at resolution res.
func ComputeCoverage(rows []ClientRx, res int, h *HeardResolver) CoverageFC {
	type cellAcc struct {
		count int
		best  *float64
		nodes map[string]*CellNode
	}
	cells := map[string]*cellAcc{}
	for _, r := range rows {
		pk, name, hidden := h.Node(r.HeardKey)
		if hidden {
			continue
		}
		id := HexCell(r.Lat, r.Lon, res)
		c := cells[id]
		if c == nil {
			c = &cellAcc{nodes: map[string]*CellNode{}}
			cells[id] = c
		}
		c.count++
		c.best = maxSNR(c.best, r.SNR)
		key := strings.ToLower(r.HeardKey)
		if pk != "" {
			key = pk
		}
		n := c.nodes[key]
		if n == nil {
			n = &CellNode{Prefix: strings.ToUpper(r.HeardKey), Pubkey: pk, Name: name}
			c.nodes[key] = n
		}
		n.Count++
		n.SNR = maxSNR(n.SNR, r.SNR)
	}
	fc := CoverageFC{Type: "FeatureCollection", Features: []CoverageFeature{}}
	for id, c := range cells {
		ring, _ := HexRing(id)
		nodes := make([]CellNode, 0, len(c.nodes))
		for _, n := range c.nodes {
			nodes = append(nodes, *n)
		}
		sort.Slice(nodes, func(i, j int) bool {
			if nodes[i].Count != nodes[j].Count {
				return nodes[i].Count > nodes[j].Count
			}
			return nodes[i].Prefix < nodes[j].Prefix
		})
		p := CellSummary{Cell: id, Count: c.count, BestSNR: c.best, HasSig: c.best != nil, Nodes: nodes}
		if len(nodes) > coverageMaxCellNode {
			p.Nodes, p.NodesTruncated = nodes[:coverageMaxCellNode], true
		}
		fc.Features = append(fc.Features, CoverageFeature{Type: "Feature", Geometry: HexGeometry{Type: "Polygon", Coordinates: [][][2]float64{ring}}, Properties: p})
	}
	sort.Slice(fc.Features, func(i, j int) bool {
		a, b := fc.Features[i].Properties, fc.Features[j].Properties
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Cell < b.Cell
	})
	if len(fc.Features) > CoverageMaxCells {
		fc.Features, fc.Truncated = fc.Features[:CoverageMaxCells], true
	}
	return fc
}

func maxSNR(cur, v *float64) *float64 {
	if v == nil || math.IsNaN(*v) || (cur != nil && *cur >= *v) {
		return cur
	}
	x := *v
	return &x
}

// OnlyNode keeps the receptions whose heard key resolves to pk.
func OnlyNode(rows []ClientRx, pk string, h *HeardResolver) []ClientRx {
	out := rows[:0:0]
	for _, r := range rows {
		if got, _, _ := h.Node(r.HeardKey); got == pk {
			out = append(out, r)
		}
	}
	return out
}

// CountClients counts the distinct receivers of rows.
func CountClients(rows []ClientRx) int {
	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.RxPubkey] = true
	}
	return len(seen)
}
