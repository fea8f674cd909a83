package analytics

import (
	"strings"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

// TrafficShares counts, over every observation in the store, the non-advert
// transmissions each node relayed (it is a resolved hop of at least one observation)
// and the non-advert transmissions heard at all. Adverts are left out on both sides:
// every node floods its own, so they say nothing about the traffic a relay carries.
type TrafficShares struct {
	// Relayed maps a lower-case pubkey to its relayed non-advert transmissions.
	Relayed map[string]int
	// Total is the number of distinct non-advert transmissions observed.
	Total int
}

// Share is Relayed/Total for pk (0 when nothing was heard).
func (t TrafficShares) Share(pk string) float64 {
	if t.Total == 0 {
		return 0
	}
	return float64(t.Relayed[strings.ToLower(pk)]) / float64(t.Total)
}

// ObservationScanner is a scan over every stored observation since a time.
type ObservationScanner interface {
	ScanObservations(sinceUnix int64, fn func(p *store.ObsPoint) bool)
}

// PathStats is what one pass over every stored observation's path yields: the traffic
// shares and the 2- and 3-byte hops seen (multi-byte evidence, see NodeFacts).
type PathStats struct {
	Traffic TrafficShares
	// MultiByteHops maps a lower-case 2- or 3-byte hop (hex) seen in a non-TRACE path to
	// its size in bytes.
	MultiByteHops map[string]int
}

// ScanPaths reads every observation once.
func ScanPaths(src ObservationScanner) PathStats {
	seen := map[int64]bool{}
	relayed := map[relayKey]bool{}
	multiByte := map[string]int{}
	var path []string
	src.ScanObservations(0, func(p *store.ObsPoint) bool {
		// TRACE path bytes are SNR samples, not hop hashes.
		if p.PayloadType != int(meshcore.PayloadTrace) && p.PathJSON != "" {
			path = hops.AppendPath(path[:0], p.PathJSON)
			for _, h := range path {
				if n := len(h) / 2; n >= 2 && n <= 3 && len(h)%2 == 0 {
					h = strings.ToLower(h)
					multiByte[h] = max(multiByte[h], n)
				}
			}
		}
		if p.PayloadType == int(meshcore.PayloadAdvert) {
			return true
		}
		seen[p.TxID] = true
		for _, pk := range p.Resolved {
			if pk != "" {
				relayed[relayKey{strings.ToLower(pk), p.TxID}] = true
			}
		}
		return true
	})
	out := PathStats{Traffic: TrafficShares{Relayed: map[string]int{}, Total: len(seen)}, MultiByteHops: multiByte}
	for k := range relayed {
		out.Traffic.Relayed[k.pk]++
	}
	return out
}
