package meshsim

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/meshsim/encode"
)

// How a misconfigured repeater's real forwarding departs from the configuration it
// reports (the names the Scope Audit uses for the mismatch it causes).
const (
	MisconfigForeignScope = "forwards_undeclared_scope"      // reports allowed scopes, forwards every scope
	MisconfigUnscoped     = "forwards_unscoped_while_denied" // reports `denyf *`, still forwards unscoped floods
)

// ScopeConfig is a repeater's region configuration: the scopes it allows and whether
// `denyf *` drops unscoped floods. Misconfig is the simulator's ground truth.
type ScopeConfig struct {
	Allowed      []string
	DenyUnscoped bool
	Misconfig    string
}

// ScopeRegions returns the region names scoped traffic uses ('#' first), ScopeRegion first.
func (o Options) scopeRegions() []string {
	var out []string
	for _, r := range append([]string{o.ScopeRegion}, o.ScopeRegions...) {
		if r = strings.TrimSpace(r); r == "" {
			continue
		}
		if r[0] != '#' {
			r = "#" + r
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// ScopeRegions returns the region names of the world's scoped traffic (for an
// ingestor's hashRegions).
func (w *World) ScopeRegions() []string { return w.opts.scopeRegions() }

// forwards reports whether n rebroadcasts a flood scoped to scope ("" = unscoped).
// Unconfigured repeaters forward everything.
func (n *Node) forwards(scope string) bool {
	c := n.Scope
	switch {
	case c == nil:
		return true
	case scope == "":
		return !c.DenyUnscoped || c.Misconfig == MisconfigUnscoped
	}
	return !c.DenyUnscoped || slices.Contains(c.Allowed, scope) || c.Misconfig == MisconfigForeignScope
}

// assignScopes configures a share of repeaters (Options.ScopedRepeaters) with `denyf *`
// and the region of their nearest site, another share (Options.OpenRepeaters) with a
// region but no `denyf *`, and makes Options.Misconfigured of the scoped ones misbehave:
// among those an observer can query (zero-hop neighbours of an observer), the busiest
// first, so their misbehaviour shows in the traffic.
func (w *World) assignScopes() {
	regions := w.opts.scopeRegions()
	if len(regions) == 0 || w.opts.ScopedRepeaters+w.opts.OpenRepeaters <= 0 {
		return
	}
	rng := rand.New(rand.NewPCG(w.opts.Seed, 0x73636f706573))
	siteIndex := map[string]int{}
	for i, s := range w.opts.Sites {
		siteIndex[s.IATA] = i
	}
	var scoped []*Node
	for _, n := range w.Nodes {
		if n.Role != meshcore.RoleRepeater {
			continue
		}
		region := regions[siteIndex[w.nearestSite(n)]%len(regions)]
		switch x := rng.Float64(); {
		case x < w.opts.ScopedRepeaters:
			n.Scope = &ScopeConfig{Allowed: []string{region}, DenyUnscoped: true}
			scoped = append(scoped, n)
		case x < w.opts.ScopedRepeaters+w.opts.OpenRepeaters:
			n.Scope = &ScopeConfig{Allowed: []string{region}}
		}
	}
	var candidates []*Node
	for _, n := range scoped {
		if n.Observer == nil && len(w.queriers(n)) > 0 {
			candidates = append(candidates, n)
		}
	}
	sort.SliceStable(candidates, func(i, j int) bool { return repeaterLinks(candidates[i]) > repeaterLinks(candidates[j]) })
	for i := 0; i < len(candidates) && i < w.opts.Misconfigured; i++ {
		candidates[i].Scope.Misconfig = []string{MisconfigUnscoped, MisconfigForeignScope}[i%2]
	}
}

// queriers are the observers that have n as a zero-hop neighbour.
func (w *World) queriers(n *Node) []*Observer {
	var out []*Observer
	for _, o := range w.Observers {
		for _, l := range o.Node.links {
			if l.to == n && l.rssi-noiseFloorDBm >= minSNR+4 {
				out = append(out, o)
				break
			}
		}
	}
	return out
}

func repeaterLinks(n *Node) int {
	c := 0
	for _, l := range n.heard {
		if l.to.Role == meshcore.RoleRepeater {
			c++
		}
	}
	return c
}

// Misconfigured returns the ground truth of the scope audit: lower-case public key →
// misconfiguration kind of every repeater whose forwarding departs from its reported
// configuration.
func (w *World) Misconfigured() map[string]string {
	out := map[string]string{}
	for _, n := range w.Nodes {
		if n.Scope != nil && n.Scope.Misconfig != "" {
			out[hexString(n.Pub)] = n.Scope.Misconfig
		}
	}
	return out
}

// frameScope returns the region a transport flood is scoped to ("" for an unscoped
// flood or an unknown code).
func (g *Generator) frameScope(f encode.Frame) string {
	if f.Route != meshcore.RouteTransportFlood {
		return ""
	}
	for _, r := range g.w.opts.scopeRegions() {
		if meshcore.ScopeCode(r, f.Type, f.Payload) == f.Transport[0] {
			return r
		}
	}
	return ""
}
