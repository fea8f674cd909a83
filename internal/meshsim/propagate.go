package meshsim

import (
	"slices"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/meshsim/encode"
)

// How a transmission travels (packet-format §4).
const (
	modeFlood  = iota // repeaters append their hop hash and rebroadcast once
	modeDirect        // the path is the remaining route; each hop strips itself
	modeTrace         // DIRECT TRACE: each hop appends its receive SNR to the path
)

// reception is one copy of a packet heard by an observer.
type reception struct {
	obs       *Observer
	raw       []byte
	rssi, snr float64
	at        time.Duration // after the transmission started
}

// airing is one node putting a packet on the air.
type airing struct {
	from  *Node
	frame encode.Frame
	at    time.Duration
}

// radio is the LoRa preset used for time-on-air.
var radio = meshcore.DefaultRadio()

func airtime(n int) time.Duration {
	return time.Duration(meshcore.AirtimeMs(n, radio) * float64(time.Millisecond))
}

// hear samples every link of one airing that leads to a repeater or an observer: observers record a copy (at most MaxCopies
// per transmission) and next reports the nodes that decoded it with their SNR.
func (g *Generator) hear(a airing, copies map[*Observer]int, out []reception, next func(rx *Node, snr float64, at time.Duration)) ([]reception, error) {
	raw, err := a.frame.Bytes()
	if err != nil {
		return out, err
	}
	at := a.at + airtime(len(raw))
	for _, l := range a.from.heard {
		if len(g.silent) > 0 && g.quiet(l.to) {
			continue
		}
		rssi, snr, ok := l.sample(g.rng)
		if o := l.to.Observer; o != nil {
			if !ok {
				o.recvErrors++
			} else {
				o.packetsRecv++
				o.rxAir += at - a.at
			}
			// Uploaders log duplicates too, but later copies are often lost to collisions.
			if ok && copies[o] < g.w.opts.MaxCopies && (copies[o] == 0 || g.rng.Float64() < 0.4) {
				copies[o]++
				out = append(out, reception{obs: o, raw: raw, rssi: rssi, snr: snr, at: at})
			}
		}
		if ok {
			next(l.to, snr, at)
		}
	}
	if o := a.from.Observer; o != nil {
		o.packetsSent++
		o.txAir += at - a.at
	}
	return out, nil
}

// flood propagates a flood packet from its origin through every repeater that hears it.
func (g *Generator) flood(origin *Node, f encode.Frame) ([]reception, error) {
	seen := map[*Node]bool{origin: true}
	copies := map[*Observer]int{}
	queue := []airing{{from: origin, frame: f}}
	var out []reception
	var err error
	hs := max(f.HashSize, 1)
	scope := g.frameScope(f)
	for len(queue) > 0 {
		a := queue[0]
		queue = queue[1:]
		hops := len(a.frame.Path) / hs
		out, err = g.hear(a, copies, out, func(rx *Node, _ float64, at time.Duration) {
			if rx.Role != meshcore.RoleRepeater || seen[rx] || hops >= g.w.opts.MaxHops ||
				len(a.frame.Path)+hs > meshcore.MaxPathSize || !rx.forwards(scope) {
				return
			}
			seen[rx] = true
			nf := a.frame
			nf.Path = append(slices.Clip(a.frame.Path), rx.Prefix(hs)...)
			queue = append(queue, airing{from: rx, frame: nf, at: at + g.backoff()})
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// direct sends a packet along route (the repeaters between origin and destination).
// With modeTrace the path collects SNR bytes instead of shrinking.
func (g *Generator) direct(origin *Node, f encode.Frame, route []*Node, mode int) ([]reception, error) {
	copies := map[*Observer]int{}
	a := airing{from: origin, frame: f}
	var out []reception
	for i := 0; ; i++ {
		var nextHop *Node
		var hopSNR float64
		var hopAt time.Duration
		var err error
		out, err = g.hear(a, copies, out, func(rx *Node, snr float64, at time.Duration) {
			if i < len(route) && rx == route[i] {
				nextHop, hopSNR, hopAt = rx, snr, at
			}
		})
		if err != nil || nextHop == nil {
			return out, err // delivered (route exhausted) or lost on this hop
		}
		nf := a.frame
		if mode == modeTrace {
			nf.Path = append(slices.Clip(a.frame.Path), encode.SNRByte(hopSNR))
		} else {
			nf.Path = a.frame.Path[max(f.HashSize, 1):]
		}
		a = airing{from: nextHop, frame: nf, at: hopAt + g.backoff()}
	}
}

// backoff is a repeater's random retransmit delay.
func (g *Generator) backoff() time.Duration {
	return 200*time.Millisecond + time.Duration(g.rng.Int64N(int64(1300*time.Millisecond)))
}

// route finds the repeaters on a reliable shortest path from a to b (nil, false when
// b is unreachable); a direct neighbour gives an empty route.
func (g *Generator) route(a, b *Node) ([]*Node, bool) {
	prev := map[*Node]*Node{a: nil}
	queue := []*Node{a}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, l := range n.links {
			if l.rssi-noiseFloorDBm < minSNR+4 {
				continue
			}
			if _, ok := prev[l.to]; ok {
				continue
			}
			if len(g.silent) > 0 && g.quiet(l.to) {
				continue // a node in an outage is routed around (clients re-learn the path)
			}
			prev[l.to] = n
			if l.to == b {
				var r []*Node
				for p := n; p != a; p = prev[p] {
					r = append(r, p)
				}
				slices.Reverse(r)
				return r, len(r) < g.w.opts.MaxHops && len(r)*3 <= meshcore.MaxPathSize
			}
			if l.to.Role == meshcore.RoleRepeater {
				queue = append(queue, l.to)
			}
		}
	}
	return nil, false
}
