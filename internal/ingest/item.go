package ingest

import "time"

// itemKind says what the writer does with an item.
type itemKind int

const (
	kindPacket   itemKind = iota // transmission + observation (+ node for adverts)
	kindStatus                   // observer metadata + metrics sample
	kindDropped                  // dropped_packets row only (bad signature, undecodable)
	kindBridge                   // legacy companion-bridge text (no observer row)
	kindClientRx                 // mobile client reception (client_receptions)
	kindScopes                   // configured-scope answers (scope_answers)
)

// item is one unit of work for the writer, fully parsed and decoded beforehand.
type item struct {
	kind   itemKind
	source string
	at     time.Time // receipt time (publish→commit latency starts here)
	enq    time.Time // queue entry time (writer wait starts here)
	ack    func()

	observerID   string
	observerName string
	iata         string

	snr, rssi, score *float64
	// skewSec is the observer clock offset of a naive envelope timestamp that is off by
	// more than 15 minutes (storage spec §1.7); nil when there was nothing to record.
	skewSec   *int64
	direction *string

	pkt    *decoded
	status *statusInfo
	drop   *dropInfo
	client *clientRx
	scopes []scopeAnswer

	// done receives the outcome after commit (manual injection waits on it).
	done chan result
}

// statusInfo is the observer metadata from a status message.
type statusInfo struct {
	model, firmware, clientVersion, radio *string
	batteryMV, uptimeSecs                 *int64
	noiseFloor                            *float64
	txAir, rxAir, recvErrors              *int64
	packetsSent, packetsRecv              *int64
	canRelay                              *bool
	hasMeta                               bool
}

// dropInfo is a dropped_packets row.
type dropInfo struct {
	hash, rawHex, reason, nodePubkey, nodeName string
}

// result is what the writer reports back for one packet item.
type result struct {
	txID, obsID int64
	hash        string
	isNew       bool
	err         error
}

func (it *item) finish(r result) {
	if it.ack != nil {
		it.ack()
	}
	if it.done != nil {
		it.done <- r
	}
}
