package store

import "slices"

// ObsPoint is one observation reduced to what observer analytics aggregate: parsed
// timestamps, no strings to parse per request.
type ObsPoint struct {
	ObsID, TxID int64
	// Unix is the observation time in unix seconds.
	Unix        int64
	PayloadType int // -1 when unknown
	RouteType   int // -1 when unknown
	SNR, RSSI   float64
	HasSNR      bool
	HasRSSI     bool
	// Hops is the path length of this observation.
	Hops int
	// From is the originator pubkey ("" when unknown).
	From string
	// Observer is the observer id ("" when unknown).
	Observer string
	// PathJSON is the observation's path_json ("" when absent).
	PathJSON string
	// Resolved lists the resolved hop pubkeys ("" for unresolved hops); points with the
	// same path share the slice, so treat it as read-only.
	Resolved []string
}

// ObserverActivity returns the observations of an observer at or after sinceUnix
// (0 = all), in the order they were applied (≈ oldest first). The read lock is taken
// once per batch of observations, never across the whole list.
func (s *Store) ObserverActivity(observerID string, sinceUnix int64) []ObsPoint {
	var out []ObsPoint
	s.ScanObserver(observerID, sinceUnix, func(p *ObsPoint) bool {
		out = append(out, *p)
		return true
	})
	return out
}

// ScanObserver calls fn for every observation of an observer at or after sinceUnix
// (0 = all), in application order (≈ oldest first), until fn returns false. Points
// are built in batches under the read lock; fn runs without it and must not keep p.
func (s *Store) ScanObserver(observerID string, sinceUnix int64, fn func(p *ObsPoint) bool) {
	s.mu.RLock()
	id := s.strs.lookup(observerID)
	n := len(s.obsOf[id])
	s.mu.RUnlock()
	if id == 0 || n == 0 {
		return
	}
	buf := make([]ObsPoint, 0, min(n, 4*scanBatch))
	var c pointCache
	for start := 0; start < n; start += 4 * scanBatch {
		buf = buf[:0]
		s.mu.RLock()
		// Eviction replaces the list; re-read it and skip what is gone.
		seqs := s.obsOf[id]
		for _, seq := range seqs[min(start, len(seqs)):min(len(seqs), start+4*scanBatch)] {
			if seq < s.obsBase || s.obs[seq-s.obsBase].ts < sinceUnix {
				continue
			}
			if p, ok := s.pointLocked(seq, &c); ok {
				buf = append(buf, p)
			}
		}
		s.mu.RUnlock()
		for i := range buf {
			if !fn(&buf[i]) {
				return
			}
		}
	}
}

// pointCache shares work between consecutive pointLocked calls of one scan: the last
// transmission looked up and the resolved paths already expanded (shared, read-only).
type pointCache struct {
	txID     int64
	pos      int
	resolved map[uint32][]string
}

func (s *Store) pointLocked(seq int64, c *pointCache) (ObsPoint, bool) {
	o := &s.obs[seq-s.obsBase]
	if o.flags&obsDead != 0 {
		return ObsPoint{}, false
	}
	pos := c.pos
	if c.txID != o.txID || c.pos >= len(s.txs) || s.txs[pos].id != o.txID {
		var ok bool
		if pos, ok = s.txPos(o.txID); !ok {
			return ObsPoint{}, false
		}
		c.txID, c.pos = o.txID, pos
	}
	t := &s.txs[pos]
	p := ObsPoint{
		ObsID: o.id, TxID: o.txID, Unix: o.ts, PayloadType: int(t.ptype), RouteType: int(t.route),
		SNR: s.snrOf(o), RSSI: s.rssiOf(o), HasSNR: o.flags&hasSNR != 0, HasRSSI: o.flags&hasRSSI != 0,
		Hops: int(o.hops), From: s.strs.str(t.from), Observer: s.strs.str(o.observer), PathJSON: s.pathStr(o),
	}
	if o.resolved != 0 {
		if r, ok := c.resolved[o.resolved]; ok {
			p.Resolved = r
		} else {
			hops := s.paths.get(o.resolved)
			p.Resolved = make([]string, len(hops))
			for i, h := range hops {
				p.Resolved[i] = s.strs.str(h)
			}
			if c.resolved == nil {
				c.resolved = map[uint32][]string{}
			}
			c.resolved[o.resolved] = p.Resolved
		}
	}
	return p, true
}

// RecentObservations returns the newest limit observations of an observer by
// timestamp (then id), newest first, with their transmissions' fields, for observer
// analytics' recentPackets. The observer's list is in application order, which is not
// time order (the load applies by transmission id), so every entry is looked at;
// a heap of limit entries keeps the selection O(n log limit).
func (s *Store) RecentObservations(observerID string, limit int) []EnrichedObservation {
	if limit <= 0 {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	newer := func(a, b int64) bool {
		x, y := &s.obs[a-s.obsBase], &s.obs[b-s.obsBase]
		if x.ts != y.ts {
			return x.ts > y.ts
		}
		return x.id > y.id
	}
	top := newestHeap{newer: newer}
	for _, seq := range s.obsOf[s.strs.lookup(observerID)] {
		if seq < s.obsBase || s.obs[seq-s.obsBase].flags&obsDead != 0 {
			continue
		}
		top.offer(seq, limit)
	}
	slices.SortFunc(top.seqs, func(a, b int64) int {
		if newer(a, b) {
			return -1
		}
		return 1
	})
	var out []EnrichedObservation
	for _, seq := range top.seqs {
		if pos, ok := s.txPos(s.obs[seq-s.obsBase].txID); ok {
			out = append(out, s.enrichedLocked(pos, seq))
		}
	}
	return out
}

// EnrichedObservation is one observation joined with its transmission (api.md §4.2).
type EnrichedObservation struct {
	Observation
	Hash        string
	TxRawHex    string
	PayloadType *int
	RouteType   *int
	DecodedJSON *string
}

func (s *Store) enrichedLocked(pos int, seq int64) EnrichedObservation {
	t := &s.txs[pos]
	e := EnrichedObservation{Observation: s.obsOutLocked(seq), Hash: t.hash, TxRawHex: t.rawHex}
	e.PayloadType, e.RouteType, e.DecodedJSON = t.optional()
	return e
}

// ScanObservations calls fn for every in-memory observation at or after sinceUnix, in
// application order (≈ oldest first), until fn returns false. The read lock is taken
// per batch; fn runs without it.
func (s *Store) ScanObservations(sinceUnix int64, fn func(p *ObsPoint) bool) {
	buf := make([]ObsPoint, 0, 4*scanBatch)
	var c pointCache
	for next := int64(-1); ; {
		buf = buf[:0]
		s.mu.RLock()
		next = max(next, s.obsBase)
		end := min(s.obsBase+int64(len(s.obs)), next+4*scanBatch)
		for seq := next; seq < end; seq++ {
			if s.obs[seq-s.obsBase].ts < sinceUnix {
				continue
			}
			if p, ok := s.pointLocked(seq, &c); ok {
				buf = append(buf, p)
			}
		}
		s.mu.RUnlock()
		if next >= end {
			return
		}
		next = end
		for i := range buf {
			if !fn(&buf[i]) {
				return
			}
		}
	}
}
