package meshsim

import "time"

// silence is one injected outage: the node neither transmits, hears nor relays.
type silence struct{ from, until time.Time }

// Silence injects an outage (a repeater losing power, say): from from until until
// (simulated time, half-open) the node originates nothing and no link reaches it, so it
// neither relays nor, as an observer, uploads; direct routes avoid it (as if every
// client had re-learnt its path; real clients may keep a stale route for a while). Test and demo scenarios use it to make a
// bridge repeater go quiet; the world itself is unchanged.
func (g *Generator) Silence(n *Node, from, until time.Time) {
	if g.silent == nil {
		g.silent = map[*Node][]silence{}
	}
	g.silent[n] = append(g.silent[n], silence{from, until})
}

// quiet reports whether n is in an injected outage at the current step.
func (g *Generator) quiet(n *Node) bool {
	for _, s := range g.silent[n] {
		if !g.stepAt.Before(s.from) && g.stepAt.Before(s.until) {
			return true
		}
	}
	return false
}
