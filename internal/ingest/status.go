package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// parseStatus builds an observer-status item (§1.4). Per-source iataFilter does not apply.
func (in *Ingester) parseStatus(source string, tp topicInfo, payload []byte, at time.Time, sf SourceFilter) (*item, string) {
	if tp.observer == "" {
		in.bad.note("unknown_topic", "status without observer id ignored")
		return nil, ""
	}
	var p statusPayload
	if err := json.Unmarshal(payload, &p); err != nil {
		in.bad.note("malformed_json", "status payload does not parse", "err", err.Error(), "topic", redactTopic(tp.observer))
		return nil, ""
	}
	st := &statusInfo{}
	strPtr := func(v json.RawMessage) *string {
		if s := clip(str(v), 128); s != "" {
			st.hasMeta = true
			return &s
		}
		return nil
	}
	st.model = strPtr(p.Model)
	st.firmware = strPtr(first(p.FirmwareVersion, p.Firmware))
	st.clientVersion = strPtr(first(p.ClientVersion, p.ClientVersionC))
	st.radio = strPtr(p.Radio)
	stat := func(key string, top json.RawMessage) json.RawMessage {
		if v, ok := p.Stats[key]; ok {
			return v
		}
		return top
	}
	intPtr := func(v json.RawMessage, lo, hi float64) *int64 {
		f, ok := num(v)
		if !ok || f < lo || f > hi {
			return nil
		}
		st.hasMeta = true
		n := int64(math.Round(f))
		return &n
	}
	st.batteryMV = intPtr(stat("battery_mv", p.BatteryMV), 0, 100000)
	st.uptimeSecs = intPtr(stat("uptime_secs", p.UptimeSecs), 0, 1e11)
	if f, ok := num(stat("noise_floor", p.NoiseFloor)); ok && f > -300 && f < 100 {
		st.noiseFloor, st.hasMeta = &f, true
	}
	st.txAir = intPtr(stat("tx_air_secs", p.TxAirSecs), 0, 1e11)
	st.rxAir = intPtr(stat("rx_air_secs", p.RxAirSecs), 0, 1e11)
	st.recvErrors = intPtr(stat("recv_errors", p.RecvErrors), 0, 1e12)
	st.packetsSent = intPtr(stat("packets_sent", p.PacketsSent), 0, 1e12)
	st.packetsRecv = intPtr(stat("packets_recv", p.PacketsRecv), 0, 1e12)
	if b, ok := boolish(p.Repeat); ok {
		st.canRelay = &b
	}
	return &item{kind: kindStatus, source: source, at: at, observerID: tp.observer, observerName: str(p.Origin),
		iata: effectiveIATA(str(p.Region), tp.iata, sf.Region), status: st}, ""
}

// bridgePayload is the legacy companion-bridge text message (§1.5).
type bridgePayload struct {
	Text            string          `json:"text"`
	ChannelIdx      json.RawMessage `json:"channel_idx"`
	SenderTimestamp json.RawMessage `json:"sender_timestamp"`
}

// parseBridge stores legacy meshcore/message/{channel,direct}/… text as a synthetic
// transmission (payload 5 or 2) with observer "companion" and no observer row.
func (in *Ingester) parseBridge(source string, tp topicInfo, payload []byte, at time.Time) (*item, string) {
	var p bridgePayload
	if err := json.Unmarshal(payload, &p); err != nil || strings.TrimSpace(p.Text) == "" {
		in.bad.note("malformed_json", "companion bridge message without text")
		return nil, ""
	}
	text := clip(sanitize(p.Text), 1000)
	now := in.opts.Now().UTC().Format(time.RFC3339)
	obj := map[string]any{"text": text}
	if ts, ok := num(p.SenderTimestamp); ok {
		obj["sender_timestamp"] = int64(ts)
	}
	d := &decoded{routeType: 1, pathJSON: "[]"}
	var seed string
	if tp.kind == topicChannel {
		idx := tp.last
		if f, ok := num(p.ChannelIdx); ok {
			idx = strconv.Itoa(int(f))
		}
		idx = clip(idx, 8)
		obj["type"], obj["channel"] = "CHAN", "ch"+idx
		if i := strings.Index(text, ": "); i >= 1 && i <= 49 {
			obj["sender"] = text[:i]
		}
		ch := "ch" + idx
		d.channelHash, d.payloadType = &ch, 5
		seed = "ch:" + idx + ":" + text + ":" + now
	} else {
		obj["type"] = "DM"
		d.payloadType = 2
		seed = "dm:" + text + ":" + now
	}
	sum := sha256.Sum256([]byte(seed))
	d.hash = hex.EncodeToString(sum[:])[:16]
	d.rawHex = ""
	b, _ := json.Marshal(obj)
	d.decodedJSON = string(b)
	return &item{kind: kindBridge, source: source, at: at, observerID: "companion", pkt: d}, ""
}
