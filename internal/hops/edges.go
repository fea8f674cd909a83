package hops

import "strings"

// advertType is the ADVERT payload type (packet-format.md).
const advertType = 4

// Reception is one observation reduced to what edge derivation needs.
type Reception struct {
	PayloadType int
	// From is the originator's public key (adverts), "" when unknown.
	From string
	// Observer is the observing node's public key ("" when unknown).
	Observer string
	// Path holds the hop prefixes in hex, first hop first.
	Path []string
	// Resolved optionally holds already-resolved keys per hop ("" = unresolved); when
	// it has the same length as Path it is used before the index.
	Resolved []string
}

// Edge is one neighbour relation between two nodes, canonicalised so A <= B. When one
// end could not be resolved to a single node, that end is "prefix:<hex>" and Ambiguous
// is true. ObserverEnd is true for the observer–last-hop edge (the one the reception's
// SNR describes).
type Edge struct {
	A, B        string
	Ambiguous   bool
	ObserverEnd bool
}

// EdgesFor derives the edges one reception proves (storage spec §2.5): an advert with
// no path links originator and observer; an advert with a path links originator and
// first hop; any path links observer and last hop. Self-edges and ends with no
// candidate node are dropped.
func (x *Index) EdgesFor(r Reception) []Edge {
	from, obs := strings.ToLower(r.From), strings.ToLower(r.Observer)
	var out []Edge
	add := func(a, b string, observerEnd bool) {
		if a == "" || b == "" || a == b {
			return
		}
		amb := strings.HasPrefix(a, "prefix:") || strings.HasPrefix(b, "prefix:")
		if amb && strings.HasPrefix(a, "prefix:") && strings.HasPrefix(b, "prefix:") {
			return
		}
		if b < a {
			a, b = b, a
		}
		out = append(out, Edge{A: a, B: b, Ambiguous: amb, ObserverEnd: observerEnd})
	}
	hop := func(i int) string {
		if len(r.Resolved) == len(r.Path) && r.Resolved[i] != "" {
			return strings.ToLower(r.Resolved[i])
		}
		c := x.Candidates(r.Path[i])
		switch {
		case len(c) == 1:
			return c[0]
		case len(c) > 1:
			return "prefix:" + strings.ToLower(r.Path[i])
		}
		return ""
	}
	if r.PayloadType == advertType && from != "" {
		if len(r.Path) == 0 {
			add(from, obs, true)
		} else {
			add(from, hop(0), false)
		}
	}
	if len(r.Path) > 0 && obs != "" {
		add(obs, hop(len(r.Path)-1), true)
	}
	return out
}
