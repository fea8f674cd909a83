package api

import (
	"time"

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

// ResumeBound limits what one reconnecting WebSocket client is replayed (api.md §5).
type ResumeBound struct {
	// MaxFrames caps the replayed frames (the newest are kept); <= 0 disables resume.
	MaxFrames int
	// MaxAge skips observations older than this (0: no age limit).
	MaxAge time.Duration
}

// Replayer serves hub clients that reconnect with afterId from st's in-memory
// observations, as the same packet frames ForwardEvents broadcasts.
func Replayer(st *store.Store, b ResumeBound) live.Replayer {
	return func(afterID int64, keep func(*live.Message) bool) ([]live.Message, bool) {
		if b.MaxFrames <= 0 {
			return nil, false
		}
		rb := store.ReplayBound{MaxEvents: b.MaxFrames}
		if b.MaxAge > 0 {
			rb.Since = time.Now().Add(-b.MaxAge)
		}
		evs, complete := st.EventsAfter(afterID, rb, func(e *store.Event) bool {
			m := packetFacts(&e.Tx, &e.Obs)
			return keep(&m)
		})
		msgs := make([]live.Message, len(evs))
		for i := range evs {
			msgs[i] = PacketMessage(&evs[i].Tx, &evs[i].Obs)
		}
		return msgs, complete
	}
}
