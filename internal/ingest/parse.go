package ingest

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// topicKind classifies an MQTT topic (storage spec §1.1).
type topicKind int

const (
	topicGeneric    topicKind = iota // meshcore/<IATA>/<OBSERVER>/packets (or anything with raw)
	topicStatus                      // meshcore/<IATA>/<OBSERVER>/status
	topicIgnored                     // meshcore/status, meshcore/events/connection
	topicChannel                     // meshcore/message/channel/<n>
	topicDirect                      // meshcore/message/direct/<id>
	topicClient                      // meshcore/client/<PUBKEY>/packets (mobile RX coverage)
	topicNeighbours                  // meshcore/<IATA>/<OBSERVER>/neighbors (configured scopes)
	topicRegions                     // meshcore/client/<PUBKEY>/regions (client region answers)
	topicInvalid                     // fewer than 3 segments
)

type topicInfo struct {
	kind     topicKind
	iata     string
	observer string
	last     string
}

func parseTopic(topic string) topicInfo {
	parts := strings.Split(topic, "/")
	switch {
	case topic == "meshcore/status" || topic == "meshcore/events/connection":
		return topicInfo{kind: topicIgnored}
	case len(parts) >= 4 && parts[1] == "message" && parts[2] == "channel":
		return topicInfo{kind: topicChannel, last: parts[3]}
	case len(parts) >= 4 && parts[1] == "message" && parts[2] == "direct":
		return topicInfo{kind: topicDirect, last: parts[3]}
	case len(parts) < 3:
		return topicInfo{kind: topicInvalid}
	}
	ti := topicInfo{kind: topicGeneric, iata: parts[1], observer: strings.TrimSpace(parts[2])}
	if len(parts) >= 4 {
		ti.last = parts[3]
		switch {
		case parts[3] == "status":
			ti.kind = topicStatus
		case parts[1] == "client" && parts[3] == "packets":
			ti.kind = topicClient
		case parts[1] == "client" && parts[3] == "regions":
			ti.kind = topicRegions
		case parts[1] != "client" && (parts[3] == "neighbors" || parts[3] == "neighbours"):
			ti.kind = topicNeighbours
		}
	}
	return ti
}

// packetPayload is the JSON an observer publishes on …/packets. Numbers may arrive as
// strings with units, so numeric fields stay raw until parsed.
type packetPayload struct {
	Raw       string          `json:"raw"`
	SNR       json.RawMessage `json:"SNR"`
	SNRLower  json.RawMessage `json:"snr"`
	RSSI      json.RawMessage `json:"RSSI"`
	RSSILower json.RawMessage `json:"rssi"`
	Score     json.RawMessage `json:"score"`
	ScoreCap  json.RawMessage `json:"Score"`
	Direction json.RawMessage `json:"direction"`
	DirCap    json.RawMessage `json:"Direction"`
	Origin    json.RawMessage `json:"origin"`
	Region    json.RawMessage `json:"region"`
	Timestamp json.RawMessage `json:"timestamp"`
}

// statusPayload is the JSON on …/status (§1.4). Stats keys are read from stats{} first,
// then from the top level.
type statusPayload struct {
	Origin          json.RawMessage            `json:"origin"`
	Model           json.RawMessage            `json:"model"`
	Firmware        json.RawMessage            `json:"firmware"`
	FirmwareVersion json.RawMessage            `json:"firmware_version"`
	ClientVersion   json.RawMessage            `json:"client_version"`
	ClientVersionC  json.RawMessage            `json:"clientVersion"`
	Radio           json.RawMessage            `json:"radio"`
	Repeat          json.RawMessage            `json:"repeat"`
	Region          json.RawMessage            `json:"region"`
	Stats           map[string]json.RawMessage `json:"stats"`
	BatteryMV       json.RawMessage            `json:"battery_mv"`
	UptimeSecs      json.RawMessage            `json:"uptime_secs"`
	NoiseFloor      json.RawMessage            `json:"noise_floor"`
	TxAirSecs       json.RawMessage            `json:"tx_air_secs"`
	RxAirSecs       json.RawMessage            `json:"rx_air_secs"`
	RecvErrors      json.RawMessage            `json:"recv_errors"`
	PacketsSent     json.RawMessage            `json:"packets_sent"`
	PacketsRecv     json.RawMessage            `json:"packets_recv"`
}

// isJSONObject reports whether b (after whitespace) starts an object.
func isJSONObject(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '{'
}

// first returns the first non-empty raw value.
func first(vals ...json.RawMessage) json.RawMessage {
	for _, v := range vals {
		if len(v) > 0 && string(v) != "null" {
			return v
		}
	}
	return nil
}

var units = []string{"dbm", "db", "mw", "km", "mi", "m"}

// num parses a JSON number, or a string holding a number with an optional unit suffix
// (dBm, dB, mW, km, mi, m). Anything else (including NaN/Inf) yields ok=false.
func num(v json.RawMessage) (float64, bool) {
	if len(v) == 0 || string(v) == "null" {
		return 0, false
	}
	s := string(v)
	if s[0] == '"' {
		if err := json.Unmarshal(v, &s); err != nil {
			return 0, false
		}
		s = strings.TrimSpace(s)
		low := strings.ToLower(s)
		for _, u := range units {
			if strings.HasSuffix(low, u) {
				s = strings.TrimSpace(s[:len(s)-len(u)])
				break
			}
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// str returns a JSON string value (numbers and bools are rendered as text), trimmed.
func str(v json.RawMessage) string {
	if len(v) == 0 || string(v) == "null" {
		return ""
	}
	var s string
	if v[0] == '"' {
		if json.Unmarshal(v, &s) != nil {
			return ""
		}
	} else if v[0] != '{' && v[0] != '[' {
		s = string(v)
	}
	return strings.TrimSpace(sanitize(s))
}

// sanitize drops control characters and caps length (names and origins reach logs/UI).
func sanitize(s string) string {
	if len(s) > 256 {
		s = s[:256]
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0xFFFD {
			return -1
		}
		return r
	}, s)
}

// boolish parses repeat: bool, number, or on/true/1/yes vs off/false/0/no.
func boolish(v json.RawMessage) (bool, bool) {
	if len(v) == 0 || string(v) == "null" {
		return false, false
	}
	switch strings.ToLower(strings.Trim(string(v), `" `)) {
	case "true", "on", "1", "yes":
		return true, true
	case "false", "off", "0", "no":
		return false, true
	}
	if f, ok := num(v); ok {
		return f != 0, true
	}
	return false, false
}

// bounded keeps a value only inside [lo, hi]; absurd values become "absent".
func bounded(f float64, ok bool, lo, hi float64) (*float64, bool) {
	if !ok {
		return nil, false
	}
	if f < lo || f > hi {
		return nil, true
	}
	return &f, false
}
