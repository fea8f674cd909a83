package api

import "strings"

// hiding applies nodeBlacklist, hiddenNamePrefixes and observerBlacklist (api.md §1.6).
type hiding struct {
	nodes     map[string]bool
	observers map[string]bool
	prefixes  []string
}

func newHiding(nodes, observers, prefixes []string) *hiding {
	h := &hiding{nodes: map[string]bool{}, observers: map[string]bool{}}
	for _, n := range nodes {
		h.nodes[strings.ToLower(strings.TrimSpace(n))] = true
	}
	for _, o := range observers {
		h.observers[strings.TrimSpace(o)] = true
	}
	if prefixes == nil {
		prefixes = []string{"🚫"}
	}
	for _, p := range prefixes {
		if p != "" {
			h.prefixes = append(h.prefixes, p)
		}
	}
	return h
}

func (h *hiding) node(n *NodeRow) bool {
	if h.nodes[strings.ToLower(n.PublicKey)] {
		return true
	}
	if n.Name != nil {
		for _, p := range h.prefixes {
			if strings.HasPrefix(*n.Name, p) {
				return true
			}
		}
	}
	return false
}

func (h *hiding) pubkey(pk string) bool { return h.nodes[strings.ToLower(pk)] }

func (h *hiding) observer(id string) bool { return h.observers[id] }
