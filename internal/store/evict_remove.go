package store

import (
	"math"
	"slices"
	"time"
)

// removeLocked evicts the transmissions at pos (ascending positions) and every index
// entry of theirs. Their observations become tombstones (obsDead) that no index
// reaches; the leading run of tombstones is dropped from the observation slice, the
// rest waits until it reaches the front.
func (s *Store) removeLocked(pos []int) {
	if len(pos) == 0 {
		return
	}
	start := time.Now()
	ids := make([]int64, len(pos)) // ascending, like s.txs
	oldestGone := false
	for k, p := range pos {
		t := &s.txs[p]
		ids[k] = t.id
		oldestGone = oldestGone || t.firstSeen == s.oldestSeen
		delete(s.byHash, t.hash)
		s.nObs -= int64(t.nObs)
		s.bytes -= t.cost()
		for seq := t.obsHead; seq >= 0; seq = s.obs[seq-s.obsBase].next {
			o := &s.obs[seq-s.obsBase]
			o.flags |= obsDead
			if o.flags&radioWide != 0 {
				delete(s.radioWide, o.id)
			}
		}
	}
	kept := make([]txRec, 0, len(s.txs)-len(pos)) // a fresh array so the evicted rows can be collected
	next := 0
	for i := range s.txs {
		if next < len(pos) && pos[next] == i {
			next++
			continue
		}
		kept = append(kept, s.txs[i])
	}
	s.txs = kept
	if oldestGone {
		s.oldestSeen = ""
		for i := range s.txs {
			if i == 0 || s.txs[i].firstSeen < s.oldestSeen {
				s.oldestSeen = s.txs[i].firstSeen
			}
		}
	}
	s.dropPostingsLocked(ids, len(pos) == pos[len(pos)-1]+1 && ids[len(ids)-1] < math.MaxInt64)
	k := 0
	for k < len(s.obs) && s.obs[k].flags&obsDead != 0 {
		k++
	}
	s.obs = slices.Clone(s.obs[k:])
	s.obsBase += int64(k)
	keep := s.obsText.end() // entries were appended in observation order
	for i := range s.obs {
		if s.obs[i].textOff >= 0 {
			keep = s.obs[i].textOff
			break
		}
	}
	s.obsText.dropBefore(keep)
	live := func(seq int64) bool { return seq >= s.obsBase && s.obs[seq-s.obsBase].flags&obsDead == 0 }
	s.obsByID = slices.DeleteFunc(s.obsByID, func(k obsKey) bool { return !live(k.seq) })
	for ob, seqs := range s.obsOf {
		seqs = slices.DeleteFunc(seqs, func(seq int64) bool { return !live(seq) })
		if len(seqs) == 0 {
			delete(s.obsOf, ob)
		} else {
			s.obsOf[ob] = seqs
		}
	}
	s.evicted.Add(int64(len(pos)))
	s.opts.Logger.Info("evicted transmissions", "n", len(pos), "min_id", ids[0], "max_id", ids[len(ids)-1],
		"ms", time.Since(start).Milliseconds())
}

// dropPostingsLocked removes the evicted ids (ascending) from every posting list. When
// they were the lowest ids in memory (prefix) each list is cut with one binary search.
func (s *Store) dropPostingsLocked(ids []int64, prefix bool) {
	if prefix {
		cut := ids[len(ids)-1] + 1
		for _, p := range []postings[uint32]{s.byObserver, s.byNode, s.byChannel} {
			p.dropBelow(cut)
		}
		s.byType.dropBelow(cut)
		s.byRoute.dropBelow(cut)
		return
	}
	gone := func(id int64) bool { _, ok := slices.BinarySearch(ids, id); return ok }
	for _, p := range []postings[uint32]{s.byObserver, s.byNode, s.byChannel} {
		p.dropIDs(gone)
	}
	s.byType.dropIDs(gone)
	s.byRoute.dropIDs(gone)
}
