package api

import (
	"github.com/corescope/corescope/internal/analytics"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// CNode is a node in the hash-collision view.
type CNode struct {
	PublicKey            string   `json:"public_key"`
	Name                 *string  `json:"name"`
	Role                 *string  `json:"role"`
	Lat                  *float64 `json:"lat"`
	Lon                  *float64 `json:"lon"`
	HashSize             int      `json:"hash_size"`
	HashSizeInconsistent bool     `json:"hash_size_inconsistent"`
	HashSizesSeen        []int    `json:"hash_sizes_seen,omitempty"`
}

// computeHashCollisions finds repeater pubkey prefixes shared by several repeaters for each
// path hash size, classified by how far apart the sharing nodes are (api.md §3.5 #55).
func (s *Server) computeHashCollisions(r *http.Request) (any, error) {
	nodes, err := s.visibleNodes()
	if err != nil {
		return nil, err
	}
	e, err := s.nodeEnrichment()
	if err != nil {
		return nil, err
	}
	rows, err := s.analyticsRows(r)
	if err != nil {
		return nil, err
	}
	appear := map[string]int{}
	for t := range rows {
		for _, o := range t.Observations {
			for _, h := range hopList(o.PathJSON) {
				appear[strings.ToUpper(h)]++
			}
		}
	}
	inconsistent := []CNode{}
	var repeaters []CNode
	for i := range nodes {
		n := &nodes[i]
		j := NodeJSON{NodeRow: *n}
		s.enrich(&j, e)
		c := CNode{PublicKey: n.PublicKey, Name: n.Name, Role: n.Role, Lat: n.Lat, Lon: n.Lon,
			HashSizeInconsistent: j.HashSizeInconsistent, HashSizesSeen: j.HashSizesSeen}
		if j.HashSize != nil {
			c.HashSize = *j.HashSize
		}
		if c.HashSizeInconsistent {
			inconsistent = append(inconsistent, c)
		}
		if strings.EqualFold(deref(n.Role), "repeater") {
			repeaters = append(repeaters, c)
		}
	}
	bySize := map[string]any{}
	for size := 1; size <= 3; size++ {
		groups := map[string][]CNode{}
		using := 0
		for _, c := range repeaters {
			if c.HashSize == size {
				using++
			}
			if len(c.PublicKey) >= 2*size {
				p := strings.ToUpper(c.PublicKey[:2*size])
				groups[p] = append(groups[p], c)
			}
		}
		collisions := []map[string]any{}
		for p, g := range groups {
			if len(g) < 2 {
				continue
			}
			dist, withCoords := maxPairKm(g)
			class := "incomplete"
			switch {
			case withCoords < 2:
			case dist < 50:
				class = "local"
			case dist < 200:
				class = "regional"
			default:
				class = "distant"
			}
			collisions = append(collisions, map[string]any{"prefix": p, "byte_size": size, "appearances": appear[p], "nodes": g,
				"max_dist_km": round1(dist), "classification": class, "with_coords": withCoords})
		}
		rank := map[string]int{"local": 0, "regional": 1, "distant": 2, "incomplete": 3}
		sort.Slice(collisions, func(i, j int) bool {
			a, b := collisions[i], collisions[j]
			if rank[a["classification"].(string)] != rank[b["classification"].(string)] {
				return rank[a["classification"].(string)] < rank[b["classification"].(string)]
			}
			if a["appearances"].(int) != b["appearances"].(int) {
				return a["appearances"].(int) > b["appearances"].(int)
			}
			return a["prefix"].(string) < b["prefix"].(string)
		})
		space := int(math.Pow(256, float64(size)))
		bySize[strconv.Itoa(size)] = map[string]any{"stats": map[string]any{"total_nodes": len(nodes), "nodes_for_byte": len(repeaters),
			"using_this_size": using, "unique_prefixes": len(groups), "collision_count": len(collisions), "space_size": space,
			"pct_used": round2(100 * float64(len(groups)) / float64(space))}, "collisions": collisions}
		if size == 1 {
			bySize["1"].(map[string]any)["one_byte_cells"] = oneByteCells(groups)
		}
	}
	return map[string]any{"inconsistent_nodes": inconsistent, "by_size": bySize}, nil
}

// maxPairKm returns the largest distance between any two nodes with GPS and how many have GPS.
func maxPairKm(g []CNode) (float64, int) {
	var pts [][2]float64
	for _, c := range g {
		if c.Lat != nil && c.Lon != nil && (*c.Lat != 0 || *c.Lon != 0) {
			pts = append(pts, [2]float64{*c.Lat, *c.Lon})
		}
	}
	best := 0.0
	for i := range pts {
		for j := i + 1; j < len(pts); j++ {
			best = math.Max(best, analytics.HaversineKm(pts[i][0], pts[i][1], pts[j][0], pts[j][1]))
		}
	}
	return best, len(pts)
}

// oneByteCells lists the repeaters under every 1-byte prefix "00".."FF" (the collision
// matrix of the Hash Collisions tab; empty cells are []).
func oneByteCells(groups map[string][]CNode) map[string][]CNode {
	out := make(map[string][]CNode, 256)
	for i := 0; i < 256; i++ {
		p := strings.ToUpper(strconv.FormatInt(int64(i)+256, 16)[1:])
		out[p] = []CNode{}
		if g := groups[p]; g != nil {
			out[p] = g
		}
	}
	return out
}
