package store

import (
	"cmp"
	"slices"
)

// pickBuckets is the resolution of oldestLocked's first_seen histogram.
const pickBuckets = 4096

// oldestLocked picks the oldest transmissions by (first_seen, id): at most n of them,
// stopping as soon as their bytes reach need. It returns their positions, ascending,
// and the newest first_seen (unix ms) among them. Two passes over the slice and a
// fixed histogram instead of sorting every row: only the one bucket where the cut
// falls is sorted.
func (s *Store) oldestLocked(n int, need int64) ([]int, int64) {
	if n <= 0 || need <= 0 || len(s.txs) == 0 {
		return nil, 0
	}
	lo, hi := s.txs[0].firstMs, s.txs[0].firstMs
	for i := range s.txs {
		lo, hi = min(lo, s.txs[i].firstMs), max(hi, s.txs[i].firstMs)
	}
	width := (hi-lo)/pickBuckets + 1
	bucket := func(t *txRec) int { return int((t.firstMs - lo) / width) }
	var count [pickBuckets]int
	var size [pickBuckets]int64
	for i := range s.txs {
		b := bucket(&s.txs[i])
		count[b]++
		size[b] += s.txs[i].cost()
	}
	// Whole buckets that stay within both limits, then the bucket where the cut falls.
	cut, taken, freed := 0, 0, int64(0)
	for cut < pickBuckets && taken+count[cut] <= n && freed+size[cut] <= need {
		taken, freed = taken+count[cut], freed+size[cut]
		cut++
	}
	var pos, edge []int
	for i := range s.txs {
		switch b := bucket(&s.txs[i]); {
		case b < cut:
			pos = append(pos, i)
		case b == cut:
			edge = append(edge, i)
		}
	}
	slices.SortStableFunc(edge, func(a, b int) int { return cmp.Compare(s.txs[a].firstMs, s.txs[b].firstMs) })
	for _, i := range edge {
		if taken >= n || freed >= need {
			break
		}
		pos = append(pos, i)
		taken, freed = taken+1, freed+s.txs[i].cost()
	}
	slices.Sort(pos)
	var newest int64
	for k, i := range pos {
		if k == 0 || s.txs[i].firstMs > newest {
			newest = s.txs[i].firstMs
		}
	}
	return pos, newest
}

// cost is what evicting a transmission frees: the record and its observations.
func (t *txRec) cost() int64 { return t.bytes() + int64(t.nObs)*obsBytes }
