package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Manual injection (the server's POST /api/packets, served over HTTP by
// internal/ingesthttp): the packet passes exactly the checks of an MQTT message
// (observer/IATA filters, decode, advert signature, corrupt-advert rules, geo and node
// filters; refused packets are counted and written to dropped_packets the same way), is
// queued like any message and the caller waits for the commit. Without an observer the
// reception is stored with no observer, once: repeating the packet finds that
// observation instead of adding another.

// InjectRequest is one manually injected packet: the body of the ingestor's POST
// /api/inject (internal/ingesthttp), which the server's POST /api/packets forwards.
type InjectRequest struct {
	Hex      string   `json:"hex"`
	Observer string   `json:"observer,omitempty"`
	SNR      *float64 `json:"snr,omitempty"`
	RSSI     *float64 `json:"rssi,omitempty"`
	Region   string   `json:"region,omitempty"`
}

// InjectResponse is the 200 answer: the transmission and observation ids after commit.
type InjectResponse struct {
	ID            int64  `json:"id"`
	ObservationID int64  `json:"observationId"`
	Hash          string `json:"hash"`
	New           bool   `json:"new"`
}

// ErrBadPacket wraps injected packets that are refused: undecodable, a corrupt or
// forged advert, or filtered. The text after the prefix is the reason.
var ErrBadPacket = errors.New("bad packet")

// Inject runs one packet through the same checks as an MQTT message (observer and IATA
// filters, decode, advert signature through the shared cache, corrupt-advert rules,
// geo and node filters, dropped-packet rows and counters), queues it and waits until
// it is committed. A refused packet answers ErrBadPacket with the reason; if the MQTT
// path would record it in dropped_packets, it is recorded first.
func (in *Ingester) Inject(ctx context.Context, req InjectRequest) (InjectResponse, error) {
	raw := strings.ToUpper(strings.Join(strings.Fields(req.Hex), ""))
	if raw == "" {
		return InjectResponse{}, fmt.Errorf("%w: hex is required", ErrBadPacket)
	}
	it := &item{kind: kindPacket, source: "inject", at: in.opts.Now(), observerID: clip(strings.TrimSpace(req.Observer), 128),
		iata: effectiveIATA(req.Region, "", ""), done: make(chan result, 1)}
	if reason := in.observerFilter(it.observerID, it.iata); reason != "" {
		in.counters.filtered(reason)
		return InjectResponse{}, fmt.Errorf("%w: filtered (%s)", ErrBadPacket, reason)
	}
	it.snr, _ = bounded(deref(req.SNR), req.SNR != nil, -60, 60)
	it.rssi, _ = bounded(deref(req.RSSI), req.RSSI != nil, -250, 50)
	it, reason := in.decodeInto(it, raw, "api/inject")
	if it == nil {
		in.counters.filtered(reason)
		return InjectResponse{}, fmt.Errorf("%w: filtered (%s)", ErrBadPacket, reason)
	}
	r, err := in.commitInjected(ctx, it)
	switch {
	case err != nil:
		return InjectResponse{}, err
	case it.kind == kindDropped:
		return InjectResponse{}, fmt.Errorf("%w: %s", ErrBadPacket, it.drop.reason)
	}
	return InjectResponse{ID: r.txID, ObservationID: r.obsID, Hash: r.hash, New: r.isNew}, nil
}

// commitInjected queues it and waits for the writer's verdict.
func (in *Ingester) commitInjected(ctx context.Context, it *item) (result, error) {
	if !in.enqueue(it) {
		if in.closed.Load() {
			return result{}, ErrClosed
		}
		return result{}, ErrQueueFull
	}
	select {
	case r := <-it.done:
		return r, r.err
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
}

func deref(f *float64) float64 {
	if f == nil {
		return 0
	}
	return *f
}
