package store

import "slices"

// postings maps a key to an ascending list of transmission ids (tsdb-head style: ids
// only grow, so adding is almost always an append).
type postings[K comparable] map[K][]int64

// add records id under k, keeping the list sorted and free of duplicates.
func (p postings[K]) add(k K, id int64) {
	l := p[k]
	if n := len(l); n == 0 || l[n-1] < id {
		p[k] = append(l, id)
		return
	}
	i, found := slices.BinarySearch(l, id)
	if !found {
		p[k] = slices.Insert(l, i, id)
	}
}

// dropBelow removes ids < cut from every list (eviction of the oldest rows).
func (p postings[K]) dropBelow(cut int64) {
	for k, l := range p {
		i, _ := slices.BinarySearch(l, cut)
		switch {
		case i == 0:
		case i == len(l):
			delete(p, k)
		default:
			p[k] = slices.Clone(l[i:]) // a fresh array lets the old one be collected
		}
	}
}

// dropIDs removes the ids for which gone is true from every list (eviction of rows
// that are not the oldest ids).
func (p postings[K]) dropIDs(gone func(id int64) bool) {
	for k, l := range p {
		if !slices.ContainsFunc(l, gone) {
			continue
		}
		l = slices.DeleteFunc(slices.Clone(l), gone)
		if len(l) == 0 {
			delete(p, k)
		} else {
			p[k] = l
		}
	}
}

// union merges several sorted lists into one sorted, duplicate-free list.
func union(lists [][]int64) []int64 {
	switch len(lists) {
	case 0:
		return nil
	case 1:
		return lists[0]
	}
	var out []int64
	for _, l := range lists {
		out = append(out, l...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// intersect returns the ids present in every list; lists are sorted ascending. It
// walks the shortest list and gallops through the others.
func intersect(lists [][]int64) []int64 {
	if len(lists) == 0 {
		return nil
	}
	lists = slices.Clone(lists)
	slices.SortFunc(lists, func(a, b []int64) int { return len(a) - len(b) })
	out := make([]int64, 0, len(lists[0]))
	pos := make([]int, len(lists))
next:
	for _, id := range lists[0] {
		for j := 1; j < len(lists); j++ {
			l := lists[j]
			k := pos[j] + gallop(l[pos[j]:], id)
			pos[j] = k
			if k == len(l) {
				break next
			}
			if l[k] != id {
				continue next
			}
		}
		out = append(out, id)
	}
	return out
}

// gallop returns the first index i with l[i] >= x, probing exponentially first.
func gallop(l []int64, x int64) int {
	hi := 1
	for hi < len(l) && l[hi-1] < x {
		hi *= 2
	}
	lo := hi / 2
	hi = min(hi, len(l))
	i, _ := slices.BinarySearch(l[lo:hi], x)
	return lo + i
}
