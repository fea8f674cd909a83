package store

import "slices"

// txOutLocked copies the transmission at pos with its observations (newest first).
// The caller holds mu (read or write).
func (s *Store) txOutLocked(pos int) Transmission {
	t := &s.txs[pos]
	out := Transmission{
		ID: t.id, RawHex: t.rawHex, Hash: t.hash, FirstSeen: t.firstSeen,
		ChannelHash: s.strs.ptr(t.channel), FromPubkey: s.strs.ptr(t.from), ScopeName: s.strs.ptr(t.scope), Best: -1,
	}
	out.PayloadType, out.RouteType, out.DecodedJSON = t.optional()
	if t.nObs == 0 {
		return out
	}
	seqs := s.obsSeqsLocked(t)
	out.Observations = make([]Observation, len(seqs))
	for i, seq := range seqs {
		out.Observations[i] = s.obsOutLocked(seq)
	}
	out.Best = s.bestLocked(seqs)
	return out
}

// obsSeqsLocked lists t's observation sequences newest first (timestamp, id descending).
func (s *Store) obsSeqsLocked(t *txRec) []int64 {
	seqs := make([]int64, 0, t.nObs)
	for seq := t.obsHead; seq >= 0; seq = s.obs[seq-s.obsBase].next {
		seqs = append(seqs, seq)
	}
	slices.SortFunc(seqs, func(a, b int64) int {
		x, y := &s.obs[a-s.obsBase], &s.obs[b-s.obsBase]
		if x.ts != y.ts {
			return int(y.ts - x.ts)
		}
		return int(y.id - x.id)
	})
	return seqs
}

// bestLocked picks the observation with the longest path, the earliest on ties, from
// seqs ordered newest first, and returns its index.
func (s *Store) bestLocked(seqs []int64) int {
	best, bestHops := -1, -1
	for i := len(seqs) - 1; i >= 0; i-- {
		if h := int(s.obs[seqs[i]-s.obsBase].hops); h > bestHops {
			best, bestHops = i, h
		}
	}
	return best
}

// obsOutLocked copies one observation.
func (s *Store) obsOutLocked(seq int64) Observation {
	o := &s.obs[seq-s.obsBase]
	out := Observation{
		ID: o.id, TxID: o.txID, ObserverID: s.strs.ptr(o.observer), Direction: s.strs.ptr(o.dir),
		Timestamp: formatTS(o.ts),
	}
	if o.textOff >= 0 {
		if path, ok := s.obsText.obsPath(o.textOff); ok {
			out.PathJSON = &path
		}
		txRaw := ""
		if pos, ok := s.txPos(o.txID); ok {
			txRaw = s.txs[pos].rawHex
		}
		if raw, ok := s.obsText.obsRaw(o.textOff, txRaw); ok {
			out.RawHex = &raw
		}
	}
	if i, ok := s.tables.info[o.observer]; ok && o.observer != 0 {
		ob := &s.tables.observers[i]
		out.ObserverName, out.ObserverIATA = ob.Name, ob.IATA
	}
	if o.flags&hasSNR != 0 {
		v := s.snrOf(o)
		out.SNR = &v
	}
	if o.flags&hasRSSI != 0 {
		v := s.rssiOf(o)
		out.RSSI = &v
	}
	if o.flags&hasScore != 0 {
		v := int(o.score)
		out.Score = &v
	}
	if o.resolved != 0 {
		hops := s.paths.get(o.resolved)
		out.ResolvedPath = make([]*string, len(hops))
		for i, h := range hops {
			out.ResolvedPath[i] = s.strs.ptr(h)
		}
	}
	return out
}
