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

// degrade is an injected upload loss: the observer publishes only keep of its receptions.
type degrade struct {
	keep        float64
	from, until time.Time
}

// Degrade injects an observer that keeps hearing but uploads only the share keep (0–1)
// of its receptions from from until until (a flaky uplink, a full queue); its status
// messages go on, so it is not offline.
func (g *Generator) Degrade(o *Observer, keep float64, from, until time.Time) {
	if g.degraded == nil {
		g.degraded = map[*Observer][]degrade{}
	}
	g.degraded[o] = append(g.degraded[o], degrade{keep, from, until})
}

// drops reports whether a degraded observer loses this reception.
func (g *Generator) drops(o *Observer) bool {
	for _, d := range g.degraded[o] {
		if !g.stepAt.Before(d.from) && g.stepAt.Before(d.until) {
			return g.rng.Float64() >= d.keep
		}
	}
	return false
}

// Neighbours is how many nodes can hear n at least some of the time (tests pick a busy
// observer or relay with it).
func (n *Node) Neighbours() int { return len(n.links) }
