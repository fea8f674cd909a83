package ingest

import (
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
)

// clientRx is one mobile-client reception for client_receptions (storage spec §1.6).
type clientRx struct {
	rxPubkey, heardKey, src, name string
	heardKeyLen                   int
	rssi                          *int64
	snr                           *float64
	lat, lon                      float64
	acc                           *float64
	rxAt                          string
}

type clientPayload struct {
	packetPayload
	GPS *struct {
		Lat json.RawMessage `json:"lat"`
		Lon json.RawMessage `json:"lon"`
		Acc json.RawMessage `json:"acc_m"`
	} `json:"gps"`
}

var clientKey = regexp.MustCompile(`^[0-9a-f]{2,64}$`)

// parseClientRx handles meshcore/client/<PUBKEY>/packets when client RX coverage is on:
// only "rx" receptions with a GPS fix whose heard node can be named are kept.
func (in *Ingester) parseClientRx(source string, tp topicInfo, payload []byte, at time.Time) (*item, string) {
	pk := strings.ToLower(tp.observer)
	if in.obsBlack[pk] {
		return nil, "observer_blacklist"
	}
	if !clientKey.MatchString(pk) {
		in.bad.note("unknown_topic", "client coverage topic with a bad public key")
		return nil, ""
	}
	var p clientPayload
	if err := json.Unmarshal(payload, &p); err != nil {
		in.bad.note("malformed_json", "client coverage payload does not parse", "err", err.Error())
		return nil, ""
	}
	if p.GPS == nil || strings.ToLower(str(first(p.Direction, p.DirCap))) != "rx" {
		return nil, "client_rx_unusable"
	}
	lat, okLat := num(p.GPS.Lat)
	lon, okLon := num(p.GPS.Lon)
	if !okLat || !okLon || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		in.bad.note("absurd_value", "client coverage without a valid position")
		return nil, ""
	}
	pkt, err := meshcore.DecodeHex(p.Raw, meshcore.DecodeOptions{SkipSignatureCheck: true})
	if err != nil {
		in.bad.note("undecodable", "client coverage packet rejected", "err", err.Error())
		return nil, ""
	}
	rx := &clientRx{rxPubkey: pk, lat: lat, lon: lon, name: str(p.Origin), rxAt: resolveRxTime(str(p.Timestamp), at)}
	route := pkt.Header.Route
	switch {
	case route.IsFlood() && pkt.Path.Len() >= 1:
		hop := pkt.Path.Hop(pkt.Path.Len() - 1)
		if len(hop) < 2 {
			return nil, "client_rx_unusable"
		}
		rx.heardKey, rx.heardKeyLen, rx.src = hex.EncodeToString(hop), len(hop), "rxlog"
	case pkt.Path.Len() == 0 && pkt.Advert != nil:
		rx.heardKey, rx.heardKeyLen, rx.src = hex.EncodeToString(pkt.Advert.PubKey[:]), 32, "advert"
	default:
		return nil, "client_rx_unusable"
	}
	if f, ok := num(first(p.RSSI, p.RSSILower)); ok && f > -250 && f < 50 {
		n := int64(f)
		rx.rssi = &n
	}
	if f, ok := num(first(p.SNR, p.SNRLower)); ok && f > -60 && f < 60 {
		rx.snr = &f
	}
	if f, ok := num(p.GPS.Acc); ok && f >= 0 && f < 1e6 {
		rx.acc = &f
	}
	return &item{kind: kindClientRx, source: source, at: at, client: rx}, ""
}

// resolveRxTime applies §1.7 to an envelope timestamp: RFC3339 or naive ISO; missing,
// unparseable, >14 h ahead, >30 days old or (naive) >15 min off → receipt time; a
// zone-aware value slightly ahead is clamped to the receipt time.
func resolveRxTime(ts string, at time.Time) string {
	at = at.UTC()
	out := at
	if t, err := time.Parse(time.RFC3339Nano, ts); err == nil {
		if d := t.Sub(at); d <= 14*time.Hour && d >= -30*24*time.Hour {
			out = t.UTC()
			if out.After(at) {
				out = at
			}
		}
	} else if s := naiveSkew(ts, at); s == nil {
		for _, layout := range naiveLayouts {
			if t, err := time.ParseInLocation(layout, ts, time.UTC); err == nil {
				out = t
				break
			}
		}
	}
	return out.Format(time.RFC3339)
}
