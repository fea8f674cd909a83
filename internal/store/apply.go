package store

import (
	"cmp"
	"slices"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/storage"
)

// prepObs is an observation converted outside the lock into the columns the store
// keeps: hop keys split out of resolved_path (lower-case, "" = unresolved hop) into the
// batch's keys, hop count of path_json. It holds no storage.Obs (whose nullable
// columns make it twice the size), so a load chunk's read-ahead stays small.
type prepObs struct {
	id, txID, ts int64
	observerIdx  int64
	snr, rssi    float64
	score        int64
	dir          string
	path, raw    string
	keyLo, keyHi int32 // resolved hop keys: batch.keys[keyLo:keyHi]
	hops         int32
	has          uint8 // prep* bits: which nullable columns are set
}

const (
	prepObserver uint8 = 1 << iota
	prepSNR
	prepRSSI
	prepScore
	prepPath
	prepRaw
	prepResolved
)

// obsBatch is a batch of prepared observations.
type obsBatch struct {
	obs  []prepObs
	keys []string
}

// add converts one row; it keeps o's strings, not o.
func (b *obsBatch) add(o *storage.Obs) {
	p := prepObs{id: o.ID, txID: o.TxID, ts: o.Timestamp, observerIdx: o.ObserverIdx.V,
		snr: o.SNR.V, rssi: o.RSSI.V, score: o.Score.V, dir: o.Direction.V, path: o.PathJSON.V, raw: o.RawHex.V}
	p.has = flagIf(o.ObserverIdx.Valid, prepObserver) | flagIf(o.SNR.Valid, prepSNR) | flagIf(o.RSSI.Valid, prepRSSI) |
		flagIf(o.Score.Valid, prepScore) | flagIf(o.PathJSON.Valid, prepPath) | flagIf(o.RawHex.Valid, prepRaw)
	if o.PathJSON.Valid {
		p.hops = int32(hops.CountHops(o.PathJSON.V))
	}
	if o.ResolvedPath.Valid && o.ResolvedPath.V != "" {
		n := len(b.keys)
		ok := parseHopKeys(o.ResolvedPath.V, func(k string, null bool) {
			b.keys = append(b.keys, lowerHex(k))
		})
		if ok {
			p.has |= prepResolved
			p.keyLo, p.keyHi = int32(n), int32(len(b.keys))
		} else {
			b.keys = b.keys[:n]
		}
	}
	b.obs = append(b.obs, p)
}

func flagIf(ok bool, f uint8) uint8 {
	if ok {
		return f
	}
	return 0
}

func prepare(obs []storage.Obs) *obsBatch {
	b := &obsBatch{obs: make([]prepObs, 0, len(obs))}
	for i := range obs {
		b.add(&obs[i])
	}
	return b
}

// apply adds a batch under one write lock: transmissions first, then observations. Observations whose transmission is not in memory, or that are
// already known, are skipped. With events it returns an Event per applied observation,
// built under the same lock; the caller publishes them after apply returns.
func (s *Store) apply(txs []storage.Tx, obs []storage.Obs, events bool) (applied int, evs []Event) {
	return s.applyBatch(txs, prepare(obs), events)
}

// applyBatch is apply over observations already prepared.
func (s *Store) applyBatch(txs []storage.Tx, b *obsBatch, events bool) (applied int, evs []Event) {
	prep := b.obs
	s.mu.Lock()
	defer s.mu.Unlock()
	floor := s.evictedBefore
	if s.opts.Retention > 0 {
		floor = max(floor, s.opts.Now().Add(-s.opts.Retention).UnixMilli())
	}
	for i := range txs {
		s.addTxLocked(&txs[i], floor)
	}
	type added struct {
		pos   int
		seq   int64
		first bool
	}
	var news []added
	keys := make([]obsKey, 0, len(prep))
	for i := range prep {
		o := &prep[i]
		if s.hasObsLocked(o.id) {
			continue
		}
		pos, ok := s.txPos(o.txID)
		if !ok {
			continue
		}
		seq := s.addObsLocked(pos, o, b.keys)
		keys = append(keys, obsKey{o.id, seq})
		if events {
			news = append(news, added{pos, seq, s.txs[pos].nObs == 1})
		}
	}
	s.indexObsIDsLocked(keys)
	if len(news) > 0 {
		copies := map[int]Transmission{}
		for _, a := range news {
			t, ok := copies[a.pos]
			if !ok {
				t = s.txOutLocked(a.pos)
				copies[a.pos] = t
			}
			evs = append(evs, Event{Tx: t, Obs: s.obsOutLocked(a.seq), NewTx: a.first})
		}
	}
	return len(keys), evs
}

// txPos finds a transmission's position by id: ids are usually dense, so the offset
// from the first id is tried first, then a binary search over the id-sorted slice.
func (s *Store) txPos(id int64) (int, bool) {
	if n := len(s.txs); n > 0 {
		if g := id - s.txs[0].id; g >= 0 && g < int64(n) && s.txs[g].id == id {
			return int(g), true
		}
	}
	return slices.BinarySearchFunc(s.txs, id, func(t txRec, id int64) int {
		switch {
		case t.id < id:
			return -1
		case t.id > id:
			return 1
		}
		return 0
	})
}

func (s *Store) hasObsLocked(id int64) bool {
	_, ok := s.obsSeq(id)
	return ok
}

// obsSeq finds an observation's sequence by id.
func (s *Store) obsSeq(id int64) (int64, bool) {
	i, ok := slices.BinarySearchFunc(s.obsByID, id, func(k obsKey, id int64) int {
		switch {
		case k.id < id:
			return -1
		case k.id > id:
			return 1
		}
		return 0
	})
	if !ok || s.obsByID[i].seq < s.obsBase {
		return 0, false
	}
	return s.obsByID[i].seq, true
}

// indexObsIDsLocked adds keys to the observation-id index: an append when they are
// all newer, otherwise a merge.
func (s *Store) indexObsIDsLocked(keys []obsKey) {
	if len(keys) == 0 {
		return
	}
	slices.SortFunc(keys, func(a, b obsKey) int { return cmp.Compare(a.id, b.id) })
	n := len(s.obsByID)
	if n == 0 || s.obsByID[n-1].id < keys[0].id {
		s.obsByID = append(s.obsByID, keys...)
		return
	}
	// Only the tail of the index from keys[0] on needs merging.
	cut, _ := slices.BinarySearchFunc(s.obsByID, keys[0].id, func(k obsKey, id int64) int {
		if k.id < id {
			return -1
		} else if k.id > id {
			return 1
		}
		return 0
	})
	tail := slices.Clone(s.obsByID[cut:])
	merged := s.obsByID[:cut]
	i, j := 0, 0
	for i < len(tail) || j < len(keys) {
		if j == len(keys) || (i < len(tail) && tail[i].id < keys[j].id) {
			merged = append(merged, tail[i])
			i++
		} else {
			merged = append(merged, keys[j])
			j++
		}
	}
	s.obsByID = merged
}
