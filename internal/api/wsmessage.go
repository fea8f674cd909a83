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

// PacketMessage builds the {type:"packet", data} frame for one observation (§5).
func PacketMessage(t *TxRow, o *ObsRow) live.Message {
	flat := wsPacket{ID: t.ID, RawHex: t.RawHex, Hash: t.Hash, FirstSeen: t.FirstSeen, Timestamp: t.FirstSeen, RouteType: t.RouteType,
		PayloadType: t.PayloadType, DecodedJSON: t.DecodedJSON, ScopeName: t.ScopeName, ObserverID: o.ObserverID, ObserverName: o.ObserverName, ObserverIATA: o.ObserverIATA, SNR: o.SNR,
		RSSI: o.RSSI, PathJSON: o.PathJSON, Direction: o.Direction, ObservationCount: max(1, len(t.Observations)), ResolvedPath: o.ResolvedPath}
	ptype, name := -1, "UNKNOWN"
	if t.PayloadType != nil {
		ptype = *t.PayloadType
		name = meshcore.PayloadType(ptype).String()
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
	b, _ := json.Marshal(map[string]any{"type": "packet", "data": data})
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
	return live.Message{Data: b, IATA: iata, PayloadType: ptype, Nodes: nodes}
}
