package meshsim

import (
	"encoding/binary"
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
	if g.w.opts.ScopeRegion != "" && g.rng.Float64() < g.w.opts.ScopedShare {
		f.Route = meshcore.RouteTransportFlood
		f.Transport[0] = meshcore.ScopeCode(g.w.opts.ScopeRegion, t, payload)
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

// peerTx frames an encrypted peer payload from a to b: DIRECT along a known route,
// else a flood.
func (g *Generator) peerTx(a, b *Node, t meshcore.PayloadType, payload []byte, route []*Node, known bool, delay time.Duration) transmission {
	tx := transmission{origin: a, frame: g.floodFrame(a, t, payload), delay: delay, info: TxInfo{Type: t}}
	if known {
		tx.mode, tx.route = modeDirect, route
		tx.frame = encode.Frame{Route: meshcore.RouteDirect, Type: t, HashSize: a.HashSize, Payload: payload}
		for _, r := range route {
			tx.frame.Path = append(tx.frame.Path, r.Prefix(a.HashSize)...)
		}
	}
	return tx
}

func (g *Generator) directMessage(at time.Time) ([]transmission, error) {
	a, b := g.pick(meshcore.RoleCompanion), g.pick(meshcore.RoleCompanion, meshcore.RoleRoom)
	if a == b {
		return g.channel(at)
	}
	route, ok := g.route(a, b)
	known := ok && g.rng.Float64() < 0.5
	secret := encode.PeerSecret(a.Pub, b.Pub)
	plain := encode.TextPlain(uint32(at.Unix()), 0, phrases[g.rng.IntN(len(phrases))])
	msg, err := encode.Peer(secret, b.Pub[0], a.Pub[0], plain)
	if err != nil {
		return nil, err
	}
	crc := encode.AckCRC(plain, a.Pub)
	txs := []transmission{g.peerTx(a, b, meshcore.PayloadTxtMsg, msg, route, known, 0)}
	back := reversed(route)
	if known { // the recipient acknowledges along the reverse route
		ack := encode.Ack(crc, 0, byte(g.rng.IntN(256)))
		return append(txs, g.peerTx(b, a, meshcore.PayloadAck, ack, back, true, 2*time.Second)), nil
	}
	// After a flood the recipient returns the path it learned, with the ACK bundled.
	pathPlain := []byte{byte(len(back))}
	for _, r := range back {
		pathPlain = append(pathPlain, r.Pub[0])
	}
	pathPlain = append(pathPlain, byte(meshcore.PayloadAck))
	pathPlain = append(pathPlain, crc[:]...)
	pp, err := encode.Peer(secret, a.Pub[0], b.Pub[0], pathPlain)
	if err != nil {
		return nil, err
	}
	return append(txs, g.peerTx(b, a, meshcore.PayloadPath, pp, nil, false, 3*time.Second)), nil
}

// request sends a REQ (or a room login ANON_REQ) to a server node and its RESPONSE.
func (g *Generator) request(at time.Time, login bool) ([]transmission, error) {
	a := g.pick(meshcore.RoleCompanion)
	b := g.pick(meshcore.RoleRepeater, meshcore.RoleRoom, meshcore.RoleSensor)
	if login {
		b = g.pick(meshcore.RoleRoom, meshcore.RoleRepeater)
	}
	if a == b {
		return g.advert(at)
	}
	route, ok := g.route(a, b)
	known := ok && g.rng.Float64() < 0.6
	secret := encode.PeerSecret(a.Pub, b.Pub)
	plain := binary.LittleEndian.AppendUint32(nil, uint32(at.Unix()))
	var req transmission
	if login {
		plain = binary.LittleEndian.AppendUint32(plain, uint32(at.Add(-24*time.Hour).Unix()))
		plain = append(plain, "hello"...)
		p, err := encode.AnonReq(secret, b.Pub[0], a.Pub, plain)
		if err != nil {
			return nil, err
		}
		req = g.peerTx(a, b, meshcore.PayloadAnonReq, p, route, known, 0)
	} else {
		plain = append(plain, 0x01, byte(g.rng.IntN(256)), byte(g.rng.IntN(256)))
		p, err := encode.Peer(secret, b.Pub[0], a.Pub[0], plain)
		if err != nil {
			return nil, err
		}
		req = g.peerTx(a, b, meshcore.PayloadReq, p, route, known, 0)
	}
	resp := binary.LittleEndian.AppendUint32(nil, uint32(at.Unix()))
	for i := 0; i < 8+g.rng.IntN(40); i++ {
		resp = append(resp, byte(g.rng.IntN(256)))
	}
	rp, err := encode.Peer(secret, a.Pub[0], b.Pub[0], resp)
	if err != nil {
		return nil, err
	}
	return []transmission{req, g.peerTx(b, a, meshcore.PayloadResponse, rp, reversed(route), known, 1500*time.Millisecond)}, nil
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
