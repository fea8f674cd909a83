package store

import (
	"slices"
	"strings"
)

// Filter selects transmissions (api.md §3.3); zero fields do not filter. List fields
// match any of their values; different fields must all match.
type Filter struct {
	// Ascending orders by transmission id ascending (default: descending).
	Ascending   bool
	PayloadType *int
	// PayloadTypes matches any of these payload types (the feed's type multi-select).
	PayloadTypes []int
	RouteType    *int
	// Hash is an exact content hash (case-insensitive).
	Hash string
	// Observers matches transmissions heard by any of these observer ids.
	Observers []string
	// Regions matches transmissions heard by an observer whose IATA is one of these
	// (case-insensitive).
	Regions []string
	// Nodes matches transmissions indexed to any of these pubkeys: the originator or a
	// resolved hop (case-insensitive).
	Nodes []string
	// Channel is a GRP_TXT channel_hash value: a channel name ("#test") or "enc_<HEX>".
	Channel string
	// Since and Until compare first_seen as strings, strictly.
	Since, Until string
}

// plan is a Filter resolved against the indexes under the read lock.
type plan struct {
	lists    [][]int64 // every posting list that constrains the result
	empty    bool      // some constraint matches nothing
	residual bool      // since/until must be checked per row
	f        *Filter
}

// planLocked turns f into posting lists; the caller holds mu.
func (s *Store) planLocked(f *Filter) plan {
	p := plan{f: f, residual: f.Since != "" || f.Until != ""}
	need := func(l []int64) {
		if len(l) == 0 {
			p.empty = true
		}
		p.lists = append(p.lists, l)
	}
	if f.PayloadType != nil {
		need(s.byType[int8(*f.PayloadType)])
		if *f.PayloadType < -1 || *f.PayloadType > 127 {
			p.empty = true
		}
	}
	if len(f.PayloadTypes) > 0 {
		var ls [][]int64
		for _, t := range f.PayloadTypes {
			if t >= -1 && t <= 127 {
				ls = append(ls, s.byType[int8(t)])
			}
		}
		need(union(ls))
	}
	if f.RouteType != nil {
		need(s.byRoute[int8(*f.RouteType)])
		if *f.RouteType < -1 || *f.RouteType > 127 {
			p.empty = true
		}
	}
	if f.Hash != "" {
		if id, ok := s.txIDByHashLocked(f.Hash); ok {
			need([]int64{id})
		} else {
			p.empty = true
		}
	}
	if f.Channel != "" {
		need(s.byChannel[s.strs.lookup(f.Channel)])
	}
	if len(f.Observers) > 0 {
		need(s.observerUnionLocked(f.Observers))
	}
	if len(f.Regions) > 0 {
		var ids []string
		for _, o := range s.tables.observers {
			for _, r := range f.Regions {
				if o.IATA != nil && strings.EqualFold(*o.IATA, r) {
					ids = append(ids, o.ID)
				}
			}
		}
		need(s.observerUnionLocked(ids))
	}
	if len(f.Nodes) > 0 {
		var ls [][]int64
		for _, pk := range f.Nodes {
			if id := s.strs.lookup(strings.ToLower(pk)); id != 0 {
				ls = append(ls, s.byNode[id])
			}
		}
		need(union(ls))
	}
	return p
}

func (s *Store) observerUnionLocked(ids []string) []int64 {
	var ls [][]int64
	for _, o := range ids {
		if id := s.strs.lookup(o); id != 0 {
			ls = append(ls, s.byObserver[id])
		}
	}
	return union(ls)
}

// keep applies the per-row checks that no index answers.
func (p *plan) keep(t *txRec) bool {
	if !p.residual {
		return true
	}
	if p.f.Since != "" && t.firstSeen <= p.f.Since {
		return false
	}
	return p.f.Until == "" || t.firstSeen < p.f.Until
}

// matchIDsLocked returns the matching transmission ids in the requested order.
func (s *Store) matchIDsLocked(f *Filter) []int64 {
	p := s.planLocked(f)
	if p.empty {
		return nil
	}
	var ids []int64
	if len(p.lists) == 0 {
		ids = make([]int64, 0, len(s.txs))
		for i := range s.txs {
			if p.keep(&s.txs[i]) {
				ids = append(ids, s.txs[i].id)
			}
		}
	} else {
		ids = intersect(p.lists) // always a fresh slice: index lists are never handed out
		if p.residual {
			ids = slices.DeleteFunc(ids, func(id int64) bool {
				pos, ok := s.txPos(id)
				return !ok || !p.keep(&s.txs[pos])
			})
		}
	}
	if !f.Ascending {
		for i, j := 0, len(ids)-1; i < j; i, j = i+1, j-1 {
			ids[i], ids[j] = ids[j], ids[i]
		}
	}
	return ids
}
