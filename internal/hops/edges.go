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
}

// Edge is one neighbour relation between two nodes, canonicalised so A <= B. When the
// hop end could not be resolved to a single node it is "prefix:<hex>", Ambiguous is
// true and Candidates lists the keys the prefix matches (none: an unknown node).
// Prefix is the lower-case hop that established the edge ("" for a direct advert).
// ObserverEnd is true for the observer–last-hop edge (the one the reception's SNR
// describes).
type Edge struct {
	A, B        string
	Prefix      string
	Ambiguous   bool
	Candidates  []string
	ObserverEnd bool
}

// EdgesFor derives the edges one reception proves (storage spec §2.5): an advert with
// no path links originator and observer; an advert with a path links originator and
// first hop; any path links observer and last hop. A hop end is the one candidate of
// its prefix other than the known end; with several (or none) the edge is kept as an
// ambiguous prefix edge rather than guessed. Self-edges and non-hex hops are dropped.
func (x *Index) EdgesFor(r Reception) []Edge {
	from, obs := strings.ToLower(r.From), strings.ToLower(r.Observer)
	var out []Edge
	add := func(e Edge) {
		if e.A == "" || e.B == "" || e.A == e.B {
			return
		}
		if e.B < e.A {
			e.A, e.B = e.B, e.A
		}
		out = append(out, e)
	}
	hop := func(known string, i int, observerEnd bool) {
		p := strings.ToLower(strings.TrimSpace(r.Path[i]))
		if p == "" || !isHex(p) {
			return
		}
		e := Edge{A: known, Prefix: p, ObserverEnd: observerEnd}
		all := x.Candidates(p)
		var c []string
		for _, k := range all {
			if k != known {
				c = append(c, k)
			}
		}
		switch {
		case len(c) == 1:
			e.B = c[0]
		case len(c) == 0 && len(all) > 0:
			return // the prefix only names the known end: a self-edge
		default:
			e.B, e.Ambiguous, e.Candidates = "prefix:"+p, true, c
		}
		add(e)
	}
	if r.PayloadType == advertType && from != "" {
		if len(r.Path) == 0 {
			add(Edge{A: from, B: obs, ObserverEnd: true})
		} else {
			hop(from, 0, false)
		}
	}
	if len(r.Path) > 0 && obs != "" {
		hop(obs, len(r.Path)-1, true)
	}
	return out
}
