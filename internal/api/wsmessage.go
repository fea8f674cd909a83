package api

import (
	"encoding/json"
	"strings"

	"github.com/corescope/corescope/internal/live"
	"github.com/corescope/corescope/internal/meshcore"
)

// wsPacket is the flat part of a WebSocket packet message.
type wsPacket struct {
	ID          int64   `json:"id"`
	RawHex      string  `json:"raw_hex"`
	Hash        string  `json:"hash"`
	FirstSeen   string  `json:"first_seen"`
	Timestamp   string  `json:"timestamp"`
	RouteType   *int    `json:"route_type"`
	PayloadType *int    `json:"payload_type"`
	DecodedJSON *string `json:"decoded_json"`
	// ScopeName is the scoped packet's region ("" unlisted region, null not scoped).
	ScopeName    *string `json:"scope_name"`
	ObserverID   *string `json:"observer_id"`
	ObserverName *string `json:"observer_name"`
	// ObserverIATA lets a page's region filter place observers it has not listed yet.
	ObserverIATA     *string   `json:"observer_iata,omitempty"`
	SNR              *float64  `json:"snr"`
	RSSI             *float64  `json:"rssi"`
	PathJSON         *string   `json:"path_json"`
	Direction        *string   `json:"direction"`
	ObservationCount int       `json:"observation_count"`
	ResolvedPath     []*string `json:"resolved_path,omitempty"`
}

// PacketMessage builds the {type:"packet", id, data} frame for one observation (§5). id is
// the observation row id: the resume point a reconnecting client sends back as afterId.
func PacketMessage(t *TxRow, o *ObsRow) live.Message {
	m := packetFacts(t, o)
	m.Data = packetFrame(t, o)
	return m
}

// packetFrame encodes the frame of PacketMessage.
func packetFrame(t *TxRow, o *ObsRow) []byte {
	flat := wsPacket{ID: t.ID, RawHex: t.RawHex, Hash: t.Hash, FirstSeen: t.FirstSeen, Timestamp: t.FirstSeen, RouteType: t.RouteType,
		PayloadType: t.PayloadType, DecodedJSON: t.DecodedJSON, ScopeName: t.ScopeName, ObserverID: o.ObserverID, ObserverName: o.ObserverName, ObserverIATA: o.ObserverIATA, SNR: o.SNR,
		RSSI: o.RSSI, PathJSON: o.PathJSON, Direction: o.Direction, ObservationCount: max(1, len(t.Observations)), ResolvedPath: o.ResolvedPath}
	name := "UNKNOWN"
	if t.PayloadType != nil {
		name = meshcore.PayloadType(*t.PayloadType).String()
	}
	decoded := map[string]any{"header": map[string]any{"payloadTypeName": name}}
	if t.DecodedJSON != nil && json.Valid([]byte(*t.DecodedJSON)) {
		decoded["payload"] = json.RawMessage(*t.DecodedJSON)
	}
	data := struct {
		wsPacket
		Decoded map[string]any `json:"decoded"`
		Packet  wsPacket       `json:"packet"`
	}{flat, decoded, flat}
	b, _ := json.Marshal(map[string]any{"type": "packet", "id": o.ID, "data": data})
	return b
}

// packetFacts is the frame's filter facts without its bytes: cheap enough to run under
// the store's lock while a resume picks the frames a client's filter keeps.
func packetFacts(t *TxRow, o *ObsRow) live.Message {
	ptype := -1
	if t.PayloadType != nil {
		ptype = *t.PayloadType
	}
	var nodes []string
	if t.FromPubkey != nil && *t.FromPubkey != "" {
		nodes = append(nodes, strings.ToLower(*t.FromPubkey))
	}
	for _, r := range o.ResolvedPath {
		if r != nil {
			nodes = append(nodes, strings.ToLower(*r))
		}
	}
	iata := ""
	if o.ObserverIATA != nil {
		iata = *o.ObserverIATA
	}
	return live.Message{ID: o.ID, IATA: iata, PayloadType: ptype, Nodes: nodes, Scope: t.ScopeName}
}
