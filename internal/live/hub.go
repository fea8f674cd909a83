package live

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// Message is one pre-encoded frame plus the facts subscription filters match on.
type Message struct {
	// ID is the frame id clients resume from (resume.go): the observation row id, which
	// rises in the order the store follows rows, so it survives reconnects and restarts.
	// 0 means the frame cannot be resumed (tests, non-packet frames).
	ID int64
	// Data is the encoded {"type":..., "id":..., "data":...} frame.
	Data []byte
	// IATA is the region code of the observer that heard the packet.
	IATA string
	// PayloadType is the packet's payload type (-1 when unknown).
	PayloadType int
	// Nodes are the lower-case public keys the packet concerns (originator, resolved hops).
	Nodes []string
	// Scope is the packet's transport scope: "#name" for a listed region, "" for a scoped
	// packet of an unlisted region, nil when the packet is not scoped.
	Scope *string
}

// Options configures a Hub.
type Options struct {
	// QueueSize bounds each client's send queue (default 1024: about 4 s of a 250 packets/s
	// feed, so a healthy client survives a CPU stall; frames are shared between clients, so a
	// slot costs one slice header).
	QueueSize int
	// AllowedOrigins are cross-origin hosts allowed to connect; "*" is ignored.
	AllowedOrigins []string
	// Compression enables permessage-deflate.
	Compression bool
	// PingInterval is the keep-alive period (default 30 s); the read deadline is twice it.
	PingInterval time.Duration
	// WriteTimeout bounds each frame write (default 10 s).
	WriteTimeout time.Duration
	// Logger receives connection-level diagnostics.
	Logger *slog.Logger
	// Replay, when set, serves clients that connect with afterId (resume.go); it may
	// also be set later with SetReplay, since the store is built after the hub.
	Replay Replayer
}

// DefaultOptions returns the default Options.
func DefaultOptions() Options {
	return Options{QueueSize: 1024, PingInterval: 30 * time.Second, WriteTimeout: 10 * time.Second}
}

// Stats are the hub's counters.
type Stats struct {
	Clients   int   `json:"clients"`
	Sent      int64 `json:"sent"`
	Dropped   int64 `json:"droppedClients"`
	Filtered  int64 `json:"filtered"`
	Broadcast int64 `json:"broadcast"`
	// OriginRejected counts upgrades refused for a cross-site Origin.
	OriginRejected int64 `json:"originRejected"`
	// Replayed counts frames sent to resuming clients (afterId).
	Replayed int64 `json:"replayed"`
}

// Hub owns the connected clients. Broadcast never blocks on a client.
type Hub struct {
	opts     Options
	log      *slog.Logger
	upgrader websocket.Upgrader

	replay atomic.Pointer[Replayer]
	// lastID is the id of the newest frame fanned out; a client that does not resume
	// starts from it, so its lagged frame always names a valid resume point.
	lastID atomic.Int64

	mu      sync.RWMutex
	clients map[*client]struct{}
	closed  bool
	wg      sync.WaitGroup

	sent, dropped, filtered, broadcast, originRejected, replayed atomic.Int64
}

// New returns a Hub; it does no I/O.
func New(opts Options) *Hub {
	d := DefaultOptions()
	if opts.QueueSize <= 0 {
		opts.QueueSize = d.QueueSize
	}
	if opts.PingInterval <= 0 {
		opts.PingInterval = d.PingInterval
	}
	if opts.WriteTimeout <= 0 {
		opts.WriteTimeout = d.WriteTimeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	h := &Hub{opts: opts, log: opts.Logger, clients: map[*client]struct{}{}}
	if opts.Replay != nil {
		h.SetReplay(opts.Replay)
	}
	allowed := allowedSet(opts.AllowedOrigins)
	for _, o := range opts.AllowedOrigins {
		if o == "*" {
			opts.Logger.Warn(`corsAllowedOrigins contains "*": ignored for WebSocket upgrades (same-origin and listed origins only)`)
		}
	}
	h.upgrader = websocket.Upgrader{
		ReadBufferSize:    1024,
		WriteBufferSize:   4096,
		EnableCompression: opts.Compression,
		CheckOrigin: func(r *http.Request) bool {
			ok := originAllowed(r, allowed)
			if !ok {
				h.originRejected.Add(1)
			}
			return ok
		},
	}
	return h
}

// Broadcast queues m for every client whose filter matches. A client whose queue is
// full gets a lagged frame and is disconnected (client.go).
func (h *Hub) Broadcast(m Message) {
	h.broadcast.Add(1)
	h.mu.RLock()
	defer h.mu.RUnlock()
	for c := range h.clients {
		if !c.filter().match(&m) {
			h.filtered.Add(1)
			continue
		}
		select {
		case c.send <- frame{id: m.ID, data: m.Data}:
		default:
			if c.kick() {
				h.dropped.Add(1)
			}
		}
	}
	if m.ID > 0 {
		h.lastID.Store(m.ID) // under the read lock: add (write lock) sees it or gets m
	}
}

// Clients returns the number of connected clients.
func (h *Hub) Clients() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.clients)
}

// Stats returns the hub's counters.
func (h *Hub) Stats() Stats {
	return Stats{Clients: h.Clients(), Sent: h.sent.Load(), Dropped: h.dropped.Load(),
		Filtered: h.filtered.Load(), Broadcast: h.broadcast.Load(), OriginRejected: h.originRejected.Load(), Replayed: h.replayed.Load()}
}

// Close disconnects every client with close code 1001 and waits for their goroutines.
func (h *Hub) Close(ctx context.Context) error {
	h.mu.Lock()
	h.closed = true
	for c := range h.clients {
		c.shutdown()
	}
	h.mu.Unlock()
	done := make(chan struct{})
	go func() { h.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hub) add(c *client) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.clients[c] = struct{}{}
	c.lastID = h.lastID.Load() // before the writer starts; a resume overrides it
	h.wg.Add(2)                // under the lock, so Close's Wait never races an Add
	return true
}

func (h *Hub) remove(c *client) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}
