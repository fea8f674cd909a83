package api

import (
	"github.com/corescope/corescope/internal/live"
	"github.com/corescope/corescope/internal/store"
)

// ForwardEvents broadcasts every store event to hub as a WebSocket packet message
// (api.md §5) until events is closed (store.Close closes every subscription).
func ForwardEvents(events <-chan store.Event, hub *live.Hub) {
	for e := range events {
		hub.Broadcast(PacketMessage(&e.Tx, &e.Obs))
	}
}
