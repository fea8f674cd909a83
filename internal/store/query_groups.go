package store

import (
	"slices"
	"strings"
)

// TxSummary is one transmission summarised across its observations without copying
// them: the row of a grouped packet list (api.md §4.3) and enough for per-advert scans.
type TxSummary struct {
	ID                     int64
	Hash, FirstSeen        string
	RawHex                 string
	DecodedJSON            *string
	PayloadType, RouteType *int
	// FromPubkey is the lower-case originator key ("" when unknown).
	FromPubkey string
	// ChannelHash is the GRP_TXT channel_hash value (a channel name or "enc_<HEX>").
	ChannelHash *string
	// ScopeName is the scoped packet's region (see Transmission.ScopeName).
	ScopeName *string
	// Count is the number of observations; ObserverCount the distinct observers.
	Count, ObserverCount int
	// Latest is the newest observation time, or FirstSeen when that sorts later.
	Latest string
	// DistinctIATAs are the upper-case IATA codes of the observers, sorted.
	DistinctIATAs []string
	// Best is the best observation (longest path, earliest on ties); HasBest is false
	// when there are no observations.
	Best    Observation
	HasBest bool
}

// Summaries returns a TxSummary per transmission matching f, in f's order. The read
// lock is taken per batch of transmissions; observations are walked, never copied.
func (s *Store) Summaries(f Filter) []TxSummary {
	s.mu.RLock()
	ids := s.matchIDsLocked(&f)
	s.mu.RUnlock()
	out := make([]TxSummary, 0, len(ids))
	var seen []uint32
	for start := 0; start < len(ids); start += scanBatch {
		s.mu.RLock()
		for _, id := range ids[start:min(len(ids), start+scanBatch)] {
			if pos, ok := s.txPos(id); ok {
				out = append(out, s.summaryLocked(pos, &seen))
			}
		}
		s.mu.RUnlock()
	}
	return out
}

// summaryLocked summarises the transmission at pos; seen is scratch space for the
// distinct observer ids. The caller holds mu.
func (s *Store) summaryLocked(pos int, seen *[]uint32) TxSummary {
	t := &s.txs[pos]
	out := TxSummary{ID: t.id, Hash: t.hash, FirstSeen: t.firstSeen, RawHex: t.rawHex, FromPubkey: s.strs.str(t.from),
		ChannelHash: s.strs.ptr(t.channel), ScopeName: s.strs.ptr(t.scope), Latest: t.firstSeen, DistinctIATAs: []string{}}
	out.PayloadType, out.RouteType, out.DecodedJSON = t.optional()
	*seen = (*seen)[:0]
	var latest int64
	best := int64(-1)
	for seq := t.obsHead; seq >= 0; seq = s.obs[seq-s.obsBase].next {
		o := &s.obs[seq-s.obsBase]
		out.Count++
		latest = max(latest, o.ts)
		if !slices.Contains(*seen, o.observer) {
			*seen = append(*seen, o.observer)
		}
		if best < 0 || betterObs(o, &s.obs[best-s.obsBase]) {
			best = seq
		}
	}
	if out.Count == 0 {
		return out
	}
	if ts := formatTS(latest); ts > out.Latest {
		out.Latest = ts
	}
	for _, id := range *seen {
		if id == 0 {
			continue
		}
		out.ObserverCount++
		if i, ok := s.tables.info[id]; ok {
			if iata := s.tables.observers[i].IATA; iata != nil && *iata != "" {
				if up := strings.ToUpper(*iata); !slices.Contains(out.DistinctIATAs, up) {
					out.DistinctIATAs = append(out.DistinctIATAs, up)
				}
			}
		}
	}
	slices.Sort(out.DistinctIATAs)
	out.Best, out.HasBest = s.obsOutLocked(best), true
	return out
}

// betterObs reports whether a beats b as the best observation: more hops, then the
// earlier (timestamp, id) — the same choice as bestLocked.
func betterObs(a, b *obsRec) bool {
	if a.hops != b.hops {
		return a.hops > b.hops
	}
	if a.ts != b.ts {
		return a.ts < b.ts
	}
	return a.id < b.id
}
