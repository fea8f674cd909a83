package meshsim

import (
	"encoding/binary"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/meshsim/encode"
)

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
