package analytics

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/store"
)

// CollisionNode is a node in the hash-collision view.
type CollisionNode struct {
	PublicKey            string   `json:"public_key"`
	Name                 *string  `json:"name"`
	Role                 *string  `json:"role"`
	Lat                  *float64 `json:"lat"`
	Lon                  *float64 `json:"lon"`
	HashSize             int      `json:"hash_size"`
	HashSizeInconsistent bool     `json:"hash_size_inconsistent"`
	HashSizesSeen        []int    `json:"hash_sizes_seen,omitempty"`
}

// Collisions lists, per path hash size, the repeater pubkey prefixes shared by several
// repeaters (api.md §3.5 #55). JSON keys are in the order the endpoint has always
// written them (alphabetical).
type Collisions struct {
	BySize            map[string]CollisionSize `json:"by_size"`
	InconsistentNodes []CollisionNode          `json:"inconsistent_nodes"`
}

// CollisionSize is the collision list of one hash size; OneByteCells (size 1 only)
// lists the repeaters under every prefix "00".."FF".
type CollisionSize struct {
	Collisions   []Collision                `json:"collisions"`
	OneByteCells map[string][]CollisionNode `json:"one_byte_cells,omitempty"`
	Stats        CollisionStats             `json:"stats"`
}

// Collision is one prefix shared by several repeaters, classified by how far apart
// they are (local < 50 km, regional < 200 km, distant; incomplete without two GPS fixes).
type Collision struct {
	Appearances    int             `json:"appearances"`
	ByteSize       int             `json:"byte_size"`
	Classification string          `json:"classification"`
	MaxDistKm      float64         `json:"max_dist_km"`
	Nodes          []CollisionNode `json:"nodes"`
	Prefix         string          `json:"prefix"`
	WithCoords     int             `json:"with_coords"`
}

// CollisionStats sizes one hash size's prefix space.
type CollisionStats struct {
	CollisionCount int     `json:"collision_count"`
	NodesForByte   int     `json:"nodes_for_byte"`
	PctUsed        float64 `json:"pct_used"`
	SpaceSize      int     `json:"space_size"`
	TotalNodes     int     `json:"total_nodes"`
	UniquePrefixes int     `json:"unique_prefixes"`
	UsingThisSize  int     `json:"using_this_size"`
}

// ComputeCollisions computes the hash-collision view; appearances count hop prefixes
// over window w.
func ComputeCollisions(src HashSizeSource, w Window) (Collisions, error) {
	nodes, err := src.Nodes()
	if err != nil {
		return Collisions{}, err
	}
	hashSizes, err := src.NodeHashSizes()
	if err != nil {
		return Collisions{}, err
	}
	appear := map[string]int{}
	src.Scan(w, func(t *store.Transmission) bool {
		for i := range t.Observations {
			for _, h := range hops.ParsePathPtr(t.Observations[i].PathJSON) {
				appear[strings.ToUpper(h)]++
			}
		}
		return true
	})
	out := Collisions{BySize: map[string]CollisionSize{}, InconsistentNodes: []CollisionNode{}}
	var repeaters []CollisionNode
	for i := range nodes {
		n := &nodes[i]
		c := CollisionNode{PublicKey: n.PublicKey, Name: n.Name, Role: n.Role, Lat: n.Lat, Lon: n.Lon}
		setHashSizes(&c, hashSizes[strings.ToLower(n.PublicKey)])
		if c.HashSizeInconsistent {
			out.InconsistentNodes = append(out.InconsistentNodes, c)
		}
		if strings.EqualFold(deref(n.Role), "repeater") {
			repeaters = append(repeaters, c)
		}
	}
	for size := 1; size <= 3; size++ {
		groups := map[string][]CollisionNode{}
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
		collisions := []Collision{}
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
			collisions = append(collisions, Collision{Prefix: p, ByteSize: size, Appearances: appear[p], Nodes: g,
				MaxDistKm: round1(dist), Classification: class, WithCoords: withCoords})
		}
		rank := map[string]int{"local": 0, "regional": 1, "distant": 2, "incomplete": 3}
		sort.Slice(collisions, func(i, j int) bool {
			a, b := collisions[i], collisions[j]
			if rank[a.Classification] != rank[b.Classification] {
				return rank[a.Classification] < rank[b.Classification]
			}
			if a.Appearances != b.Appearances {
				return a.Appearances > b.Appearances
			}
			return a.Prefix < b.Prefix
		})
		space := int(math.Pow(256, float64(size)))
		cs := CollisionSize{Collisions: collisions, Stats: CollisionStats{TotalNodes: len(nodes), NodesForByte: len(repeaters),
			UsingThisSize: using, UniquePrefixes: len(groups), CollisionCount: len(collisions), SpaceSize: space,
			PctUsed: Round2(100 * float64(len(groups)) / float64(space))}}
		if size == 1 {
			cs.OneByteCells = oneByteCells(groups)
		}
		out.BySize[strconv.Itoa(size)] = cs
	}
	return out, nil
}

// setHashSizes fills a node's hash-size fields from its adverts' sizes (newest first):
// the newest size, and every distinct size when they disagree.
func setHashSizes(c *CollisionNode, sizes []int) {
	if len(sizes) == 0 {
		return
	}
	c.HashSize = sizes[0]
	set := map[int]bool{}
	for _, v := range sizes {
		set[v] = true
	}
	if len(set) > 1 {
		c.HashSizeInconsistent = true
		c.HashSizesSeen = sortedKeys(set)
	}
}

// maxPairKm returns the largest distance between any two nodes with GPS and how many have GPS.
func maxPairKm(g []CollisionNode) (float64, int) {
	var pts [][2]float64
	for _, c := range g {
		if c.Lat != nil && c.Lon != nil && (*c.Lat != 0 || *c.Lon != 0) {
			pts = append(pts, [2]float64{*c.Lat, *c.Lon})
		}
	}
	best := 0.0
	for i := range pts {
		for j := i + 1; j < len(pts); j++ {
			best = math.Max(best, HaversineKm(pts[i][0], pts[i][1], pts[j][0], pts[j][1]))
		}
	}
	return best, len(pts)
}

// oneByteCells lists the repeaters under every 1-byte prefix "00".."FF" (empty cells are []).
func oneByteCells(groups map[string][]CollisionNode) map[string][]CollisionNode {
	out := make(map[string][]CollisionNode, 256)
	for i := 0; i < 256; i++ {
		p := strings.ToUpper(strconv.FormatInt(int64(i)+256, 16)[1:])
		out[p] = []CollisionNode{}
		if g := groups[p]; g != nil {
			out[p] = g
		}
	}
	return out
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }
