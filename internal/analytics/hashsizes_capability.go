package analytics

import (
	"cmp"
	"slices"
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// MultiByteCap is one node's multi-byte path-hash capability (api.md §3.5 #54).
type MultiByteCap struct {
	Pubkey string `json:"pubkey"`
	Name   string `json:"name"`
	Role   string `json:"role"`
	// Status is "confirmed" (its own adverts used 2–3 bytes), "suspected" (one of its
	// prefixes travelled as a hop in a 2–3 byte path) or "unknown"; Evidence says which
	// ("advert", "path", "").
	Status      string `json:"status"`
	Evidence    string `json:"evidence"`
	MaxHashSize int    `json:"maxHashSize"`
	LastSeen    string `json:"lastSeen"`
}

// multiByteCapability grades every visible node from the hash sizes of its own adverts
// (hashSizes, newest first) and the header hash sizes its 2- and 3-byte prefixes
// travelled in as hops (pathSizes, lower-case hop → size). A prefix two nodes share
// makes both suspected: suspicion is not attribution. Confirmed first, then
// suspected, then unknown; by name, then key.
func multiByteCapability(nodes []store.Node, hashSizes map[string][]int, pathSizes map[string]int) []MultiByteCap {
	out := make([]MultiByteCap, 0, len(nodes))
	for i := range nodes {
		n := &nodes[i]
		pk := strings.ToLower(n.PublicKey)
		e := MultiByteCap{Pubkey: pk, Name: deref(n.Name), Role: deref(n.Role), Status: "unknown", MaxHashSize: 1, LastSeen: deref(n.LastSeen)}
		advertMax := 0
		for _, sz := range hashSizes[pk] {
			advertMax = max(advertMax, sz)
		}
		pathMax := 0
		for _, size := range []int{2, 3} {
			if len(pk) >= 2*size {
				if sz := pathSizes[pk[:2*size]]; sz >= 2 {
					pathMax = max(pathMax, sz)
				}
			}
		}
		switch {
		case advertMax >= 2:
			e.Status, e.Evidence, e.MaxHashSize = "confirmed", "advert", advertMax
		case pathMax >= 2:
			e.Status, e.Evidence, e.MaxHashSize = "suspected", "path", pathMax
		}
		out = append(out, e)
	}
	rank := map[string]int{"confirmed": 0, "suspected": 1, "unknown": 2}
	slices.SortFunc(out, func(a, b MultiByteCap) int {
		return cmp.Or(rank[a.Status]-rank[b.Status], strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), strings.Compare(a.Pubkey, b.Pubkey))
	})
	return out
}
