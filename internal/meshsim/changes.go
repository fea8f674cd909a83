package meshsim

import "time"

// nodeChange is an injected change of a node's advertised identity.
type nodeChange struct {
	at    time.Time
	node  *Node
	apply func()
}

// Rename injects a rename: from at (simulated time) the node advertises name, and it
// sends a flood advert at the first step from at (as an owner does after a change). It
// changes the world's node, so it lasts beyond this generator.
func (g *Generator) Rename(n *Node, name string, at time.Time) {
	g.changes = append(g.changes, nodeChange{at, n, func() { n.Name = name }})
}

// Move injects a relocation: from at the node advertises lat, lon (and shares it), with
// an advert at once as Rename; its radio links stay those of its first position.
func (g *Generator) Move(n *Node, lat, lon float64, at time.Time) {
	g.changes = append(g.changes, nodeChange{at, n, func() { n.Lat, n.Lon, n.ShareLocation = lat, lon, true }})
}

// applyChanges applies, once, the injected changes due at the step starting at at.
func (g *Generator) applyChanges(at time.Time) {
	rest := g.changes[:0]
	for _, c := range g.changes {
		if at.Before(c.at) {
			rest = append(rest, c)
		} else {
			c.apply()
			g.round = append(g.round, c.node) // advertise the change next
		}
	}
	g.changes = rest
}
