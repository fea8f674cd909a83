package analytics

import (
	"math"
	"sort"
	"strings"
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
