package store

import (
	"database/sql"
	"slices"

	"github.com/corescope/corescope/internal/storage"
)

// addTxLocked inserts a transmission (no-op when known, or first seen before floorMs:
// older than the retention window or than what the memory budget evicted).
func (s *Store) addTxLocked(t *storage.Tx, floorMs int64) {
	if t.Hash == "" {
		return
	}
	firstMs := parseFirstSeen(t.FirstSeen)
	if firstMs < floorMs {
		return
	}
	pos, found := s.txPos(t.ID)
	if found {
		return
	}
	r := txRec{
		id: t.ID, rawHex: t.RawHex, hash: lowerHex(t.Hash), firstSeen: t.FirstSeen,
		firstMs: firstMs, obsHead: -1, obsTail: -1, route: -1, ptype: -1,
	}
	if t.RouteType.Valid {
		r.route = int8(t.RouteType.V)
	}
	if t.PayloadType.Valid {
		r.ptype = int8(t.PayloadType.V)
	}
	if t.DecodedJSON.Valid {
		r.decoded, r.hasDec = t.DecodedJSON.V, true
	}
	if t.ChannelHash.Valid {
		r.channel = s.strs.id(t.ChannelHash.V)
	}
	if t.ScopeName.Valid {
		r.scope = s.strs.id(t.ScopeName.V)
	}
	if t.FromPubkey.Valid && t.FromPubkey.V != "" {
		r.from = s.strs.id(lowerHex(t.FromPubkey.V))
	}
	if pos == len(s.txs) {
		s.txs = append(s.txs, r)
	} else {
		s.txs = slices.Insert(s.txs, pos, r)
	}
	s.byHash[r.hash] = r.id
	if len(s.txs) == 1 || r.firstSeen < s.oldestSeen {
		s.oldestSeen = r.firstSeen
	}
	if r.ptype >= 0 {
		s.byType.add(r.ptype, r.id)
	}
	if r.route >= 0 {
		s.byRoute.add(r.route, r.id)
	}
	if r.channel != 0 && r.ptype == 5 {
		s.byChannel.add(r.channel, r.id)
	}
	if r.from != 0 {
		s.byNode.add(r.from, r.id)
	}
	s.bytes += r.bytes()
}

// addObsLocked appends an observation of the transmission at pos and indexes it;
// keys holds the batch's resolved hop keys.
func (s *Store) addObsLocked(pos int, p *prepObs, keys []string) int64 {
	t := &s.txs[pos]
	observer, _ := s.observerOf(sql.Null[int64]{V: p.observerIdx, Valid: p.has&prepObserver != 0})
	r := obsRec{id: p.id, txID: p.txID, next: -1, ts: p.ts, observer: observer, hops: uint8(min(p.hops, 255))}
	if p.has&prepSNR != 0 {
		r.flags |= hasSNR
	}
	if p.has&prepRSSI != 0 {
		r.flags |= hasRSSI
	}
	s.setRadioLocked(&r, p.snr, p.rssi)
	if p.has&prepScore != 0 {
		r.score, r.flags = int32(p.score), r.flags|hasScore
	}
	if p.dir != "" {
		r.dir = s.strs.id(p.dir)
	}
	r.textOff = s.obsText.addObsText(p.path, p.raw, p.has&prepPath != 0, p.has&prepRaw != 0, t.rawHex)
	if p.has&prepResolved != 0 {
		hopKeys := keys[p.keyLo:p.keyHi]
		hops := make([]uint32, len(hopKeys))
		for i, k := range hopKeys {
			if k != "" {
				hops[i] = s.strs.id(k)
				s.byNode.add(hops[i], t.id)
			}
		}
		r.resolved = s.paths.id(hops)
	}
	seq := s.obsBase + int64(len(s.obs))
	s.obs = append(s.obs, r)
	if t.obsTail >= 0 {
		s.obs[t.obsTail-s.obsBase].next = seq
	} else {
		t.obsHead = seq
	}
	t.obsTail = seq
	t.nObs++
	if observer != 0 {
		s.byObserver.add(observer, t.id)
		s.obsOf[observer] = append(s.obsOf[observer], seq)
	}
	s.nObs++
	s.bytes += obsBytes
	return seq
}
