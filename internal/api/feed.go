package api

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/corescope/corescope/internal/live"
	"github.com/corescope/corescope/internal/meshcore"
)

// FeedSource yields observation rows in id order; DBStore implements it.
type FeedSource interface {
	MaxObservationID(ctx context.Context) (int64, error)
	ObservationsAfter(ctx context.Context, after int64, limit int) ([]TxRow, []ObsRow, error)
}

// Feed follows new observations and broadcasts one WebSocket message per observation
// (api.md §5, §6). It starts at the current newest id, so history is never replayed.
type Feed struct {
	src      FeedSource
	hub      *live.Hub
	log      *slog.Logger
	interval time.Duration
	last     int64
	cancel   context.CancelFunc
	wg       sync.WaitGroup
}

// NewFeed returns a Feed polling src every interval (default 250 ms); it does no I/O.
func NewFeed(src FeedSource, hub *live.Hub, interval time.Duration, log *slog.Logger) *Feed {
	if interval <= 0 {
		interval = 250 * time.Millisecond
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Feed{src: src, hub: hub, log: log, interval: interval}
}

// Open reads the start cursor and starts the poll loop.
func (f *Feed) Open(ctx context.Context) error {
	last, err := f.src.MaxObservationID(ctx)
	if err != nil {
		return err
	}
	f.last = last
	loopCtx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	f.wg.Add(1)
	go f.loop(loopCtx)
	return nil
}

// Close stops the loop and waits for it.
func (f *Feed) Close() {
	if f.cancel != nil {
		f.cancel()
	}
	f.wg.Wait()
}

func (f *Feed) loop(ctx context.Context) {
	defer f.wg.Done()
	t := time.NewTicker(f.interval)
	defer t.Stop()
	backoff, failing := f.interval, false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		err := f.poll(ctx)
		switch {
		case err != nil && ctx.Err() != nil:
			return
		case err != nil:
			if !failing { // log once per failure streak
				f.log.Warn("live feed poll failed", "err", err)
			}
			failing, backoff = true, min(backoff*2, 10*time.Second)
			t.Reset(backoff)
		case failing:
			failing, backoff = false, f.interval
			t.Reset(f.interval)
		}
	}
}

func (f *Feed) poll(ctx context.Context) error {
	txs, obs, err := f.src.ObservationsAfter(ctx, f.last, 500)
	if err != nil {
		return err
	}
	for i := range obs {
		f.last = obs[i].ID
		f.hub.Broadcast(PacketMessage(&txs[i], &obs[i]))
	}
	return nil
}

// wsPacket is the flat part of a WebSocket packet message.
type wsPacket struct {
	ID               int64     `json:"id"`
	RawHex           string    `json:"raw_hex"`
	Hash             string    `json:"hash"`
	FirstSeen        string    `json:"first_seen"`
	Timestamp        string    `json:"timestamp"`
	RouteType        *int      `json:"route_type"`
	PayloadType      *int      `json:"payload_type"`
	DecodedJSON      *string   `json:"decoded_json"`
	ObserverID       *string   `json:"observer_id"`
	ObserverName     *string   `json:"observer_name"`
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
		PayloadType: t.PayloadType, DecodedJSON: t.DecodedJSON, ObserverID: o.ObserverID, ObserverName: o.ObserverName, SNR: o.SNR,
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
