package store

import "container/heap"

// newestHeap keeps the limit newest observation sequences offered to it: a min-heap
// whose root is the oldest kept entry, replaced when something newer arrives.
type newestHeap struct {
	seqs  []int64
	newer func(a, b int64) bool
}

func (h *newestHeap) Len() int           { return len(h.seqs) }
func (h *newestHeap) Less(i, j int) bool { return h.newer(h.seqs[j], h.seqs[i]) }
func (h *newestHeap) Swap(i, j int)      { h.seqs[i], h.seqs[j] = h.seqs[j], h.seqs[i] }
func (h *newestHeap) Push(x any)         { h.seqs = append(h.seqs, x.(int64)) }
func (h *newestHeap) Pop() any {
	x := h.seqs[len(h.seqs)-1]
	h.seqs = h.seqs[:len(h.seqs)-1]
	return x
}

// offer keeps seq if fewer than limit are kept or it is newer than the oldest kept.
func (h *newestHeap) offer(seq int64, limit int) {
	switch {
	case len(h.seqs) < limit:
		heap.Push(h, seq)
	case h.newer(seq, h.seqs[0]):
		h.seqs[0] = seq
		heap.Fix(h, 0)
	}
}
