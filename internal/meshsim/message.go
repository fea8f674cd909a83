package meshsim

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
)

// TxInfo is what the generator knows about the transmission behind a packet message,
// so tests can check what a decoder recovers.
type TxInfo struct {
	Seq     int64 // transmission number, equal for every reception of it
	Type    meshcore.PayloadType
	Channel string // GRP_TXT: channel name
	Text    string // GRP_TXT: "sender: message" as sent
	Origin  *Node
}

// Message is one MQTT message an observer publishes.
type Message struct {
	Topic   string
	Payload []byte
	At      time.Time
	// Info is set for …/packets messages, nil for …/status.
	Info *TxInfo
}

// packetBody is the JSON shape meshcoretomqtt-style uploaders publish; like them it
// sends most numbers as strings.
type packetBody struct {
	Origin     string `json:"origin"`
	OriginID   string `json:"origin_id"`
	Timestamp  string `json:"timestamp"`
	Type       string `json:"type"`
	Direction  string `json:"direction"`
	Time       string `json:"time"`
	Date       string `json:"date"`
	Len        string `json:"len"`
	PacketType string `json:"packet_type"`
	Route      string `json:"route"`
	PayloadLen string `json:"payload_len"`
	Raw        string `json:"raw"`
	SNR        string `json:"SNR"`
	RSSI       string `json:"RSSI"`
	Score      string `json:"score"`
	Duration   string `json:"duration"`
	Hash       string `json:"hash"`
}

func packetMessage(r reception, at time.Time, info *TxInfo) (Message, error) {
	pk, err := meshcore.Decode(r.raw, meshcore.DecodeOptions{SkipSignatureCheck: true})
	if err != nil {
		return Message{}, fmt.Errorf("self-check packet: %w", err)
	}
	route := "F"
	if pk.RouteType().IsDirect() {
		route = "D"
	}
	score := min(1000, max(0, int((r.snr+20)*30)))
	b := packetBody{
		Origin: r.obs.Node.Name, OriginID: r.obs.ID, Timestamp: at.UTC().Format("2006-01-02T15:04:05.000000Z07:00"),
		Type: "PACKET", Direction: "rx", Time: at.UTC().Format("15:04:05"), Date: at.UTC().Format("2/1/2006"),
		Len: strconv.Itoa(len(r.raw)), PacketType: strconv.Itoa(int(pk.PayloadType())), Route: route,
		PayloadLen: strconv.Itoa(len(pk.Payload)), Raw: strings.ToUpper(hexString(r.raw)),
		SNR: strconv.FormatFloat(r.snr, 'f', -1, 64), RSSI: strconv.FormatFloat(r.rssi, 'f', -1, 64),
		Score: strconv.Itoa(score), Duration: strconv.Itoa(int(airtime(len(r.raw)) / time.Millisecond)),
		Hash: strings.ToUpper(pk.Hash),
	}
	body, err := json.Marshal(b)
	if err != nil {
		return Message{}, fmt.Errorf("marshal packet: %w", err)
	}
	return Message{Topic: "meshcore/" + r.obs.IATA + "/" + r.obs.ID + "/packets", Payload: body, At: at, Info: info}, nil
}

type statusStats struct {
	BatteryMV   int     `json:"battery_mv"`
	UptimeSecs  int64   `json:"uptime_secs"`
	NoiseFloor  float64 `json:"noise_floor"`
	TxAirSecs   int64   `json:"tx_air_secs"`
	RxAirSecs   int64   `json:"rx_air_secs"`
	RecvErrors  int64   `json:"recv_errors"`
	PacketsSent int64   `json:"packets_sent"`
	PacketsRecv int64   `json:"packets_recv"`
}

type statusBody struct {
	Status          string      `json:"status"`
	Origin          string      `json:"origin"`
	OriginID        string      `json:"origin_id"`
	Radio           string      `json:"radio"`
	Model           string      `json:"model"`
	FirmwareVersion string      `json:"firmware_version"`
	ClientVersion   string      `json:"client_version"`
	Repeat          bool        `json:"repeat"`
	Stats           statusStats `json:"stats"`
}

var models = []string{"Heltec V3", "RAK4631", "Station G2", "T-Beam", "Xiao S3 WIO"}

// statusMessage is o's …/status at at; dMv and dNoise are the injected battery and
// noise-floor offsets (status_trends.go).
func statusMessage(o *Observer, at time.Time, dMv, dNoise float64) (Message, error) {
	n := o.Node
	b := statusBody{
		Status: "online", Origin: n.Name, OriginID: o.ID, Radio: "910.525,62.5,7,5",
		Model: models[n.Index%len(models)], FirmwareVersion: "1.17.1", ClientVersion: "meshcoretomqtt/1.0.8.0",
		Repeat: n.Role == meshcore.RoleRepeater,
		Stats: statusStats{
			BatteryMV: 3900 + (n.Index*37)%300 + int(math.Round(dMv)), UptimeSecs: int64(at.Sub(o.bootAt) / time.Second),
			NoiseFloor: noiseFloorDBm + float64(n.Index%5) + dNoise, TxAirSecs: int64(o.txAir / time.Second),
			RxAirSecs: int64(o.rxAir / time.Second), RecvErrors: o.recvErrors,
			PacketsSent: o.packetsSent, PacketsRecv: o.packetsRecv,
		},
	}
	body, err := json.Marshal(b)
	if err != nil {
		return Message{}, fmt.Errorf("marshal status: %w", err)
	}
	return Message{Topic: "meshcore/" + o.IATA + "/" + o.ID + "/status", Payload: body, At: at}, nil
}
