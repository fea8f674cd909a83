package meshsim

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/meshsim/encode"
)

// ClientRx is one mobile-client reception the generator published, kept as ground
// truth for tests: receiver Rx (a companion) heard node Heard at (Lat, Lon) with SNR.
// HeardKey is what the packet names it by: the whole public key (zero-hop advert) or
// a 2-byte hop hash (a flood it relayed), lower-case hex.
type ClientRx struct {
	Rx, Heard *Node
	HeardKey  string
	Lat, Lon  float64
	SNR       float64
	At        time.Time
}

// clientRxKeep bounds the ground-truth log of a long live run (oldest dropped).
const clientRxKeep = 100000

// ClientRxLog returns the receptions published so far (at most the newest 100 000).
func (g *Generator) ClientRxLog() []ClientRx { return g.rxLog }

// mobileClients are the first Options.MobileClients companions, the phones that roam
// with a companion radio and upload what it hears with a GPS fix.
func (w *World) mobileClients() []*Node {
	var out []*Node
	for _, n := range w.Nodes {
		if len(out) >= w.opts.MobileClients {
			break
		}
		if n.Role == meshcore.RoleCompanion {
			out = append(out, n)
		}
	}
	return out
}

// clientBody is the …/client/<PUBKEY>/packets payload: a packet upload plus the phone's fix.
type clientBody struct {
	Origin    string `json:"origin"`
	OriginID  string `json:"origin_id"`
	Timestamp string `json:"timestamp"`
	Type      string `json:"type"`
	Direction string `json:"direction"`
	Raw       string `json:"raw"`
	SNR       string `json:"SNR"`
	RSSI      string `json:"RSSI"`
	GPS       struct {
		Lat float64 `json:"lat"`
		Lon float64 `json:"lon"`
		Acc float64 `json:"acc_m"`
	} `json:"gps"`
}

// clientReceptions moves every mobile client to a random spot within 4 km of its home
// and reports the repeaters it can hear from there: a zero-hop advert of each, and for
// repeaters using 2-byte hashes also a flood they relayed.
func (g *Generator) clientReceptions(at time.Time) ([]Message, error) {
	if g.rxRng == nil {
		g.rxRng = rand.New(rand.NewPCG(g.w.opts.Seed, 0x636c69656e7472))
	}
	var out []Message
	for _, c := range g.w.mobileClients() {
		d, bearing := 4*math.Sqrt(g.rxRng.Float64()), 2*math.Pi*g.rxRng.Float64()
		spot := &Node{Lat: c.Lat + d/111.2*math.Cos(bearing), Lon: c.Lon + d/(111.2*math.Cos(c.Lat*math.Pi/180))*math.Sin(bearing)}
		spot.Lat, spot.Lon = math.Round(spot.Lat*1e6)/1e6, math.Round(spot.Lon*1e6)/1e6
		for _, n := range g.w.Nodes {
			if n.Role != meshcore.RoleRepeater || distanceKm(spot, n) > 30 {
				continue
			}
			if len(g.silent) > 0 && g.quiet(n) {
				continue // an injected outage: a silent repeater is not heard by phones either
			}
			_, snr, ok := link{to: spot, rssi: meanRSSI(n, spot)}.sample(g.rxRng)
			if !ok {
				continue
			}
			frames, keys, err := g.heardFrames(n, at)
			if err != nil {
				return nil, err
			}
			for i, f := range frames {
				raw, err := f.Bytes()
				if err != nil {
					return nil, err
				}
				var b clientBody
				b.Origin, b.OriginID, b.Timestamp, b.Type, b.Direction = c.Name, hexString(c.Pub), at.UTC().Format(time.RFC3339), "PACKET", "rx"
				b.Raw, b.SNR = strings.ToUpper(hexString(raw)), fmt.Sprint(snr)
				b.RSSI = fmt.Sprint(math.Round(snr + noiseFloorDBm))
				b.GPS.Lat, b.GPS.Lon, b.GPS.Acc = spot.Lat, spot.Lon, 8
				body, err := json.Marshal(b)
				if err != nil {
					return nil, fmt.Errorf("marshal client reception: %w", err)
				}
				out = append(out, Message{Topic: "meshcore/client/" + strings.ToUpper(hexString(c.Pub)) + "/packets", Payload: body, At: at})
				g.rxLog = append(g.rxLog, ClientRx{Rx: c, Heard: n, HeardKey: keys[i], Lat: spot.Lat, Lon: spot.Lon, SNR: snr, At: at.UTC().Truncate(time.Second)})
			}
		}
	}
	if len(g.rxLog) > clientRxKeep {
		g.rxLog = append([]ClientRx(nil), g.rxLog[len(g.rxLog)-clientRxKeep/2:]...)
	}
	return out, nil
}

// heardFrames are the packets a client hears from repeater n: its zero-hop advert, and
// when n uses 2-byte hashes a channel flood it relayed (path = n's hash); keys are the
// heard keys the ingestor derives from them.
func (g *Generator) heardFrames(n *Node, at time.Time) ([]encode.Frame, []string, error) {
	app := encode.AppData{Role: n.Role, HasLocation: n.ShareLocation, Lat: n.Lat, Lon: n.Lon, Name: n.Name}
	p, err := encode.Advert(n.Priv, uint32(at.Unix()), app.Bytes())
	if err != nil {
		return nil, nil, err
	}
	frames := []encode.Frame{{Route: meshcore.RouteDirect, Type: meshcore.PayloadAdvert, HashSize: 1, Payload: p}}
	keys := []string{hexString(n.Pub)}
	if n.HashSize == 2 {
		ch := g.w.Channels[0]
		msg, err := encode.GroupText(ch.Key, uint32(at.Unix()), "mobile", phrases[g.rxRng.IntN(len(phrases))])
		if err != nil {
			return nil, nil, err
		}
		frames = append(frames, encode.Frame{Route: meshcore.RouteFlood, Type: meshcore.PayloadGrpTxt, HashSize: 2, Payload: msg, Path: n.Prefix(2)})
		keys = append(keys, hexString(n.Prefix(2)))
	}
	return frames, keys, nil
}
