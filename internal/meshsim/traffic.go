package meshsim

import (
	"fmt"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/meshsim/encode"
)

// transmission is one packet a node originates, with how it travels.
type transmission struct {
	origin *Node
	frame  encode.Frame
	mode   int
	route  []*Node
	delay  time.Duration // after the scenario started
	info   TxInfo
}

var phrases = []string{
	"anyone on tonight?", "testing from the ridge", "good copy, thanks", "heading up to the summit",
	"signal is great today", "who runs the harbor repeater?", "net check-in at 8pm", "73 all",
	"battery swap done", "hearing you 3 hops out", "new antenna is up 🎉", "rain moving in from the west",
	"is the bridge node down?", "QSL via Oak Hill", "meet at the trailhead 10am",
}

// scenario picks and builds the next traffic scenario at time at.
func (g *Generator) scenario(at time.Time) ([]transmission, error) {
	m := g.w.opts.Mix
	x := g.rng.Float64() * (m.Advert + m.Channel + m.Direct + m.Request + m.Login + m.Trace)
	switch {
	case x < m.Advert:
		return g.advert(at)
	case x < m.Advert+m.Channel:
		return g.channel(at)
	case x < m.Advert+m.Channel+m.Direct:
		return g.directMessage(at)
	case x < m.Advert+m.Channel+m.Direct+m.Request:
		return g.request(at, false)
	case x < m.Advert+m.Channel+m.Direct+m.Request+m.Login:
		return g.request(at, true)
	}
	return g.trace()
}

func (g *Generator) pick(roles ...meshcore.Role) *Node {
	for tries := 0; tries < 64; tries++ {
		n := g.w.Nodes[g.rng.IntN(len(g.w.Nodes))]
		for _, r := range roles {
			if n.Role == r {
				return n
			}
		}
	}
	return g.w.Nodes[g.rng.IntN(len(g.w.Nodes))]
}

// floodFrame frames a flood packet, scoping a share of them with transport codes.
func (g *Generator) floodFrame(origin *Node, t meshcore.PayloadType, payload []byte) encode.Frame {
	f := encode.Frame{Route: meshcore.RouteFlood, Type: t, HashSize: origin.HashSize, Payload: payload}
	if regions := g.w.opts.scopeRegions(); len(regions) > 0 && g.rng.Float64() < g.w.opts.ScopedShare {
		region := regions[0]
		if len(regions) > 1 {
			region = regions[g.rng.IntN(len(regions))]
		}
		f.Route = meshcore.RouteTransportFlood
		f.Transport[0] = meshcore.ScopeCode(region, t, payload)
	}
	return f
}

func (g *Generator) advert(at time.Time) ([]transmission, error) {
	return g.advertFrom(g.pick(meshcore.RoleRepeater, meshcore.RoleCompanion, meshcore.RoleRoom, meshcore.RoleSensor), at)
}

// advertFrom builds n's signed advert: usually a flood, sometimes zero-hop.
func (g *Generator) advertFrom(n *Node, at time.Time) ([]transmission, error) {
	app := encode.AppData{Role: n.Role, HasLocation: n.ShareLocation, Lat: n.Lat, Lon: n.Lon, Name: n.Name}
	p, err := encode.Advert(n.Priv, uint32(at.Unix()), app.Bytes())
	if err != nil {
		return nil, err
	}
	tx := transmission{origin: n, frame: g.floodFrame(n, meshcore.PayloadAdvert, p), info: TxInfo{Type: meshcore.PayloadAdvert}}
	if tx.frame.Route == meshcore.RouteTransportFlood && n.Scope != nil && len(n.Scope.Allowed) > 0 {
		// A configured repeater scopes its adverts to its own region: its declared region.
		tx.frame.Transport[0] = meshcore.ScopeCode(n.Scope.Allowed[0], meshcore.PayloadAdvert, p)
	}
	if g.rng.Float64() < 0.2 { // zero-hop advert: DIRECT with an empty path
		tx.frame = encode.Frame{Route: meshcore.RouteDirect, Type: meshcore.PayloadAdvert, HashSize: 1, Payload: p}
		tx.mode = modeDirect
	}
	return []transmission{tx}, nil
}

func (g *Generator) channel(at time.Time) ([]transmission, error) {
	n := g.pick(meshcore.RoleCompanion)
	ch := g.w.Channels[0]
	if len(g.w.Channels) > 1 && g.rng.Float64() >= g.w.opts.PublicShare {
		ch = g.w.Channels[1+g.rng.IntN(len(g.w.Channels)-1)]
	}
	text := phrases[g.rng.IntN(len(phrases))]
	p, err := encode.GroupText(ch.Key, uint32(at.Unix()), n.Name, text)
	if err != nil {
		return nil, err
	}
	info := TxInfo{Type: meshcore.PayloadGrpTxt, Channel: ch.Name, Text: n.Name + ": " + text}
	return []transmission{{origin: n, frame: g.floodFrame(n, meshcore.PayloadGrpTxt, p), info: info}}, nil
}

// trace sends a TRACE along a route of repeaters; each hop appends its SNR.
func (g *Generator) trace() ([]transmission, error) {
	a := g.pick(meshcore.RoleCompanion, meshcore.RoleRepeater)
	target := g.pick(meshcore.RoleRepeater)
	route, ok := g.route(a, target)
	if !ok || a == target {
		return nil, nil
	}
	route = append(route, target)
	hashes := make([]byte, 0, len(route))
	for _, r := range route {
		hashes = append(hashes, r.Pub[0])
	}
	p, err := encode.Trace(g.rng.Uint32(), g.rng.Uint32(), 0, hashes)
	if err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	f := encode.Frame{Route: meshcore.RouteDirect, Type: meshcore.PayloadTrace, HashSize: 1, Payload: p}
	return []transmission{{origin: a, frame: f, mode: modeTrace, route: route, info: TxInfo{Type: meshcore.PayloadTrace}}}, nil
}

func reversed(r []*Node) []*Node {
	out := make([]*Node, len(r))
	for i, n := range r {
		out[len(r)-1-i] = n
	}
	return out
}
