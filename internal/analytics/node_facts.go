package analytics

import (
	"sort"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

// FactsWindow is the look-back of hash_size and flood_advert_count_7d: a node that
// changed its path hash mode is judged by what it does now, not by old adverts.
const FactsWindow = 7 * 24 * time.Hour

// NodeFacts are per-node facts read from the node's own adverts and from the paths
// its key prefix appears in (api.md §4.4).
type NodeFacts struct {
	// HashSizes7d maps a lower-case pubkey to the path hash sizes of its adverts of
	// the last 7 days, the newest first.
	HashSizes7d map[string][]int
	// FloodAdverts7d counts a node's distinct flood-routed adverts (FLOOD or
	// TRANSPORT_FLOOD) first seen in the last 7 days; zero-hop direct adverts are
	// local and cost no mesh-wide airtime, so they are left out.
	FloodAdverts7d map[string]int
	// advertMax is the largest advert hash size per node (any age).
	advertMax map[string]int
	// pathHops are PathStats.MultiByteHops.
	pathHops map[string]int
}

// MultiByte is a node's multi-byte path-hash capability.
type MultiByte struct {
	// Status is "confirmed" (an advert of its own used 2–3 byte hashes), "suspected"
	// (a 2–3 byte hop equal to its key prefix was seen in a path; prefixes can
	// collide) or "unknown".
	Status string
	// Evidence is "advert", "path" or "" (unknown).
	Evidence string
	// MaxHashSize is the largest hash size the evidence shows (1 when none).
	MaxHashSize int
}

// BuildNodeFacts reads every advert summary once; multiByteHops come from ScanPaths
// (nil: no path evidence yet).
func BuildNodeFacts(adverts []store.TxSummary, multiByteHops map[string]int, now time.Time) *NodeFacts {
	f := &NodeFacts{HashSizes7d: map[string][]int{}, FloodAdverts7d: map[string]int{}, advertMax: map[string]int{}, pathHops: multiByteHops}
	cutoff := now.Add(-FactsWindow)
	type dated struct {
		ts   time.Time
		id   int64
		size int
	}
	recent := map[string][]dated{}
	for i := range adverts {
		a := &adverts[i]
		pk := strings.ToLower(a.FromPubkey)
		if pk == "" || a.RawHex == "" {
			continue
		}
		ts, ok := ParseTime(a.FirstSeen)
		inWindow := ok && ts.After(cutoff) && !ts.After(now)
		p, err := meshcore.DecodeHex(a.RawHex, meshcore.DecodeOptions{SkipSignatureCheck: true})
		if err != nil {
			continue
		}
		if inWindow && p.Header.Route.IsFlood() {
			f.FloodAdverts7d[pk]++
		}
		if p.Path.HashSize <= 0 || p.Path.HashSize > 3 || p.Path.TraceRoute {
			continue // zero-hop direct adverts carry no usable hash size
		}
		f.advertMax[pk] = max(f.advertMax[pk], p.Path.HashSize)
		if inWindow {
			recent[pk] = append(recent[pk], dated{ts, a.ID, p.Path.HashSize})
		}
	}
	for pk, ds := range recent {
		// Newest first by first_seen, then id (ids need not rise with time).
		sort.Slice(ds, func(i, j int) bool {
			return ds[i].ts.After(ds[j].ts) || ds[i].ts.Equal(ds[j].ts) && ds[i].id > ds[j].id
		})
		sizes := make([]int, len(ds))
		for i, d := range ds {
			sizes[i] = d.size
		}
		f.HashSizes7d[pk] = sizes
	}
	return f
}

// MultiByteOf returns pk's capability.
func (f *NodeFacts) MultiByteOf(pk string) MultiByte {
	pk = strings.ToLower(pk)
	if m := f.advertMax[pk]; m >= 2 {
		return MultiByte{Status: "confirmed", Evidence: "advert", MaxHashSize: m}
	}
	seen := 0
	for _, n := range []int{2, 3} {
		if len(pk) >= 2*n {
			seen = max(seen, f.pathHops[pk[:2*n]])
		}
	}
	if seen >= 2 {
		return MultiByte{Status: "suspected", Evidence: "path", MaxHashSize: seen}
	}
	return MultiByte{Status: "unknown", MaxHashSize: 1}
}
