package analytics

import (
	"sort"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

// AudioSamplesPerType is how many packets the Audio Lab lists per payload type (api.md §3 #73, §11).
const AudioSamplesPerType = 8

// AudioSample is one packet of a payload type's sample (api.md §3 #73). Observer and path
// come from the best observation (longest path, api.md §4.1); timestamp is first_seen.
type AudioSample struct {
	Hash             string  `json:"hash"`
	RawHex           string  `json:"raw_hex"`
	DecodedJSON      *string `json:"decoded_json"`
	ObservationCount int     `json:"observation_count"`
	PayloadType      int     `json:"payload_type"`
	PathJSON         *string `json:"path_json"`
	ObserverID       *string `json:"observer_id"`
	Timestamp        string  `json:"timestamp"`
}

// sizeKey orders one type's packets: raw_hex length, then id so equal sizes pick stably.
type sizeKey struct {
	size int
	id   int64
}

// audioSamples picks, per payload type name, up to AudioSamplesPerType packets spread
// evenly over that type's packets sorted by (raw_hex length, id): with n packets, the
// picks are the 0-based indices round(i·(n−1)/7) for i = 0…7 (every packet when n ≤ 8),
// so the smallest and the largest are always in. Packets without raw_hex or payload type
// are left out (the shape has no place for them). w's Since/Until are ignored: the sample
// covers every stored packet of w's region.
func audioSamples(src Source, w Window) map[string][]AudioSample {
	w.Since, w.Until = "", ""
	byType := map[string][]sizeKey{}
	src.Scan(w, func(t *store.Transmission) bool {
		if name, ok := sampleType(t); ok {
			byType[name] = append(byType[name], sizeKey{len(t.RawHex), t.ID})
		}
		return true
	})
	slot := map[int64]struct {
		name string
		pos  int
	}{}
	out := make(map[string][]AudioSample, len(byType))
	for name, keys := range byType {
		sort.Slice(keys, func(i, j int) bool {
			if keys[i].size != keys[j].size {
				return keys[i].size < keys[j].size
			}
			return keys[i].id < keys[j].id
		})
		picks := spreadIndices(len(keys), AudioSamplesPerType)
		out[name] = make([]AudioSample, len(picks))
		for pos, idx := range picks {
			slot[keys[idx].id] = struct {
				name string
				pos  int
			}{name, pos}
		}
	}
	// Second pass: copy only the picked rows (Scan's rows must not be kept).
	src.Scan(w, func(t *store.Transmission) bool {
		if s, ok := slot[t.ID]; ok {
			if name, ok := sampleType(t); ok && name == s.name {
				out[s.name][s.pos] = audioSample(t)
			}
		}
		return true
	})
	// A row evicted between the passes leaves an empty slot: drop it rather than send a blank packet.
	for name, ss := range out {
		kept := ss[:0]
		for _, s := range ss {
			if s.Hash != "" {
				kept = append(kept, s)
			}
		}
		out[name] = kept
	}
	return out
}

// sampleType is the key t is sampled under; false for a packet the shape cannot carry.
func sampleType(t *store.Transmission) (string, bool) {
	if t.RawHex == "" || t.PayloadType == nil {
		return "", false
	}
	return meshcore.PayloadType(*t.PayloadType).String(), true
}

// spreadIndices returns k indices of 0…n−1 spread evenly: round(i·(n−1)/(k−1)) for
// i = 0…k−1, or every index when n ≤ k. Integer arithmetic; (n−1)·i/(k−1) never ends in
// exactly .5 for k = 8, so the rounding direction never matters.
func spreadIndices(n, k int) []int {
	if n <= k {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	idx := make([]int, k)
	for i := range idx {
		idx[i] = (2*i*(n-1) + (k - 1)) / (2 * (k - 1))
	}
	return idx
}

// audioSample copies what the shape needs out of t (Scan reuses its rows). A stored
// packet was heard at least once, so observation_count is never below 1 (api.md: int ≥ 1).
func audioSample(t *store.Transmission) AudioSample {
	s := AudioSample{Hash: t.Hash, RawHex: t.RawHex, DecodedJSON: cloneStr(t.DecodedJSON), PayloadType: *t.PayloadType,
		ObservationCount: max(1, len(t.Observations)), Timestamp: t.FirstSeen}
	if t.Best >= 0 && t.Best < len(t.Observations) {
		o := &t.Observations[t.Best]
		s.PathJSON, s.ObserverID = cloneStr(o.PathJSON), cloneStr(o.ObserverID)
	}
	return s
}

func cloneStr(p *string) *string {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
