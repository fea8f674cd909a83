package analytics

import (
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// HeardResolver names the node behind a heard key: the one known node whose public key
// starts with it. Receptions of hidden nodes are dropped by the computations.
type HeardResolver struct {
	nodes  []store.Node // sorted by public key
	hidden map[string]bool
	memo   map[string]int
}

// NewHeardResolver indexes every stored node (hidden ones included, so their
// receptions can be dropped rather than shown under a bare prefix).
func NewHeardResolver(all []store.Node, hidden map[string]bool) *HeardResolver {
	ns := append([]store.Node(nil), all...)
	for i := range ns {
		ns[i].PublicKey = strings.ToLower(ns[i].PublicKey)
	}
	sort.Slice(ns, func(i, j int) bool { return ns[i].PublicKey < ns[j].PublicKey })
	return &HeardResolver{nodes: ns, hidden: hidden, memo: map[string]int{}}
}

// resolve returns the index of the single node whose key starts with key, -1 when
// none or several do.
func (h *HeardResolver) resolve(key string) int {
	if i, ok := h.memo[key]; ok {
		return i
	}
	i := sort.Search(len(h.nodes), func(i int) bool { return h.nodes[i].PublicKey >= key })
	out := -1
	if i < len(h.nodes) && strings.HasPrefix(h.nodes[i].PublicKey, key) &&
		(i+1 == len(h.nodes) || !strings.HasPrefix(h.nodes[i+1].PublicKey, key)) {
		out = i
	}
	h.memo[key] = out
	return out
}

// Node returns the pubkey and name a heard key resolves to ("" when it does not), and
// whether the reception must be dropped because that node is hidden.
func (h *HeardResolver) Node(key string) (pk string, name *string, hidden bool) {
	i := h.resolve(strings.ToLower(key))
	if i < 0 {
		return "", nil, false
	}
	n := &h.nodes[i]
	return n.PublicKey, n.Name, h.hidden[n.PublicKey]
}
