package analytics

import (
	"sort"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

// audioNote reads what the page sonifies from one transmission: the best SNR any
// observer heard, the hop count of the longest path heard, the size in bytes.
func audioNote(t *store.Transmission) AudioNote {
	n := AudioNote{Hash: t.Hash, Time: t.FirstSeen, Type: -1, TypeName: "UNK", Size: len(t.RawHex) / 2}
	if t.PayloadType != nil {
		n.Type, n.TypeName = *t.PayloadType, meshcore.PayloadType(*t.PayloadType).String()
	}
	for i := range t.Observations {
		o := &t.Observations[i]
		if o.SNR != nil && (n.SNR == nil || *o.SNR > *n.SNR) {
			v := *o.SNR
			n.SNR = &v
		}
		if h := len(parsedPath(o.PathJSON)); h > n.Hops {
			n.Hops = h
		}
	}
	return n
}

// sortNotes orders a bucket's notes by time, then hash, so playback is stable.
func sortNotes(ns []AudioNote) {
	sort.Slice(ns, func(i, j int) bool {
		if ns[i].Time != ns[j].Time {
			return ns[i].Time < ns[j].Time
		}
		return ns[i].Hash < ns[j].Hash
	})
}
