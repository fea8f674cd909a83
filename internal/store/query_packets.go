package store

import (
	"slices"
)

// scanBatch is how many rows a long scan copies per read-lock hold.
const scanBatch = 1024

// Transmissions returns the page [offset, offset+limit) of the transmissions matching
// f, in id order (descending unless f.Ascending), and the total match count. limit < 0
// returns everything from offset.
func (s *Store) Transmissions(f Filter, offset, limit int) ([]Transmission, int) {
	offset = max(offset, 0)
	s.mu.RLock()
	if out, total, ok := s.unfilteredPageLocked(&f, offset, limit); ok {
		s.mu.RUnlock()
		return out, total
	}
	ids := s.matchIDsLocked(&f)
	total := len(ids)
	if offset >= total {
		s.mu.RUnlock()
		return []Transmission{}, total
	}
	page := ids[offset:]
	if limit >= 0 && limit < len(page) {
		page = page[:limit]
	}
	if len(page) <= scanBatch {
		out := s.copyIDsLocked(page, nil)
		s.mu.RUnlock()
		return out, total
	}
	s.mu.RUnlock()
	out := make([]Transmission, 0, len(page))
	for start := 0; start < len(page); start += scanBatch {
		s.mu.RLock()
		out = s.copyIDsLocked(page[start:min(len(page), start+scanBatch)], out)
		s.mu.RUnlock()
	}
	return out, total
}

// unfilteredPageLocked answers a small page of an unfiltered list straight from the
// id-sorted slice, without building the full id list.
func (s *Store) unfilteredPageLocked(f *Filter, offset, limit int) ([]Transmission, int, bool) {
	if limit < 0 || limit > scanBatch || f.Since != "" || f.Until != "" {
		return nil, 0, false
	}
	if p := s.planLocked(f); len(p.lists) > 0 || p.empty {
		return nil, 0, false
	}
	total := len(s.txs)
	out := make([]Transmission, 0, max(0, min(limit, total-offset)))
	for k := offset; k < total && len(out) < limit; k++ {
		pos := total - 1 - k
		if f.Ascending {
			pos = k
		}
		out = append(out, s.txOutLocked(pos))
	}
	return out, total, true
}

// Scan calls fn with every transmission matching f, in the order of f, until fn
// returns false. Rows are copied in batches under the read lock; fn runs without it.
func (s *Store) Scan(f Filter, fn func(t *Transmission) bool) {
	s.mu.RLock()
	ids := s.matchIDsLocked(&f)
	s.mu.RUnlock()
	var buf []Transmission
	for start := 0; start < len(ids); start += scanBatch {
		s.mu.RLock()
		buf = s.copyIDsLocked(ids[start:min(len(ids), start+scanBatch)], buf[:0])
		s.mu.RUnlock()
		for i := range buf {
			if !fn(&buf[i]) {
				return
			}
		}
	}
}

// copyIDsLocked appends copies of the transmissions with ids (skipping evicted ones).
func (s *Store) copyIDsLocked(ids []int64, out []Transmission) []Transmission {
	for _, id := range ids {
		if pos, ok := s.txPos(id); ok {
			out = append(out, s.txOutLocked(pos))
		}
	}
	return out
}

// TransmissionByID returns the transmission with id and all its observations.
func (s *Store) TransmissionByID(id int64) (Transmission, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	pos, ok := s.txPos(id)
	if !ok {
		return Transmission{}, false
	}
	return s.txOutLocked(pos), true
}

// TransmissionByHash returns the transmission with a content hash, or with a legacy hash the
// ingestor replaced (case-insensitive); the transmission carries its current hash.
func (s *Store) TransmissionByHash(hash string) (Transmission, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.txIDByHashLocked(hash)
	if !ok {
		return Transmission{}, false
	}
	pos, ok := s.txPos(id)
	if !ok {
		return Transmission{}, false
	}
	return s.txOutLocked(pos), true
}

// ObservationByID returns an observation and its transmission.
func (s *Store) ObservationByID(id int64) (Transmission, Observation, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	seq, ok := s.obsSeq(id)
	if !ok {
		return Transmission{}, Observation{}, false
	}
	pos, ok := s.txPos(s.obs[seq-s.obsBase].txID)
	if !ok {
		return Transmission{}, Observation{}, false
	}
	return s.txOutLocked(pos), s.obsOutLocked(seq), true
}

// ObservationsForHashes returns every observation (newest first) of each known hash;
// keys are the hashes as given, unknown hashes map to an empty list.
func (s *Store) ObservationsForHashes(hashes []string) map[string][]Observation {
	out := make(map[string][]Observation, len(hashes))
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, h := range hashes {
		out[h] = []Observation{}
		id, ok := s.txIDByHashLocked(h)
		if !ok {
			continue
		}
		pos, ok := s.txPos(id)
		if !ok {
			continue
		}
		seqs := s.obsSeqsLocked(&s.txs[pos])
		obs := make([]Observation, len(seqs))
		for i, seq := range seqs {
			obs[i] = s.obsOutLocked(seq)
		}
		out[h] = obs
	}
	return out
}

// FirstSeenAfter returns the first_seen values strictly after since, ascending (the
// live page's sparkline).
func (s *Store) FirstSeenAfter(since string) []string {
	out := []string{}
	s.mu.RLock()
	for i := len(s.txs) - 1; i >= 0; i-- {
		if fs := s.txs[i].firstSeen; fs > since {
			out = append(out, fs)
		}
	}
	s.mu.RUnlock()
	slices.Sort(out)
	return out
}

// Counts reports the store's sizes.
func (s *Store) Counts() Counts {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := Counts{
		Transmissions: int64(len(s.txs)), Observations: s.nObs,
		Nodes: int64(len(s.tables.nodes)), Observers: int64(len(s.tables.observers)),
		Evicted: s.evicted.Load(), Inserts: s.inserts.Load(), TrackedBytes: s.bytes,
		ByHash: int64(len(s.byHash)), ByObserver: int64(len(s.byObserver)), ByNode: int64(len(s.byNode)),
		LoadComplete: s.loadDone.Load(),
	}
	if len(s.txs) > 0 {
		c.OldestLoaded = s.oldestSeen
	}
	return c
}
