package live

import (
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

const readLimit = 512

// frame is one queued message: its resume id and encoded bytes.
type frame struct {
	id   int64
	data []byte
}

type client struct {
	conn *websocket.Conn
	send chan frame
	// afterID is the resume point asked for with ?afterId (-1: none).
	afterID int64
	// lastID is the id of the newest frame written to the socket (or the resume point
	// before any was): what a lagged frame tells the client to resume from. Writer only.
	lastID int64
	flt    atomic.Pointer[Filter]
	once   sync.Once
	quit   chan struct{}
	// closeCode is sent in the close frame when the writer exits.
	closeCode atomic.Int32
	// done (may be nil) is called once the connection is closed and removed.
	done func()
}

// release calls done, if any; the writer calls it exactly once on exit.
func (c *client) release() {
	if c.done != nil {
		c.done()
	}
}

func (c *client) filter() *Filter { return c.flt.Load() }

// kick ends a slow client; it reports whether this call did it. The connection stays
// open so the writer can still send the lagged frame: a writer blocked on a full socket
// finishes (the client read again) or fails within WriteTimeout, then sees quit.
func (c *client) kick() bool {
	done := false
	c.once.Do(func() {
		c.closeCode.Store(websocket.ClosePolicyViolation)
		close(c.quit)
		done = true
	})
	return done
}

func (c *client) shutdown() {
	c.once.Do(func() {
		c.closeCode.Store(websocket.CloseGoingAway)
		close(c.quit)
	})
}

// ServeHTTP upgrades the request and runs the client until it leaves or is dropped.
// Filters come from the query string and may be replaced by subscribe messages.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.ServeConn(w, r, nil) }

// ServeConn is ServeHTTP with done (may be nil) called exactly once when the connection
// is over: right away if the upgrade fails or the hub is closed, otherwise after the
// socket is closed and the client removed. Callers use it to release a per-client slot.
func (h *Hub) ServeConn(w http.ResponseWriter, r *http.Request, done func()) {
	conn, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		if done != nil {
			done()
		}
		return // Upgrade already wrote the 403/400 response
	}
	c := &client{conn: conn, send: make(chan frame, h.opts.QueueSize), quit: make(chan struct{}), done: done, afterID: -1}
	c.flt.Store(FilterFromQuery(r.URL.Query()))
	if id, ok := afterIDFromQuery(r.URL.Query()); ok {
		c.afterID = id
	}
	if !h.add(c) {
		conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseGoingAway, "server shutting down"), time.Now().Add(time.Second))
		conn.Close()
		c.release()
		return
	}
	go h.readLoop(c)
	go h.writeLoop(c)
}

func (h *Hub) readLoop(c *client) {
	defer h.wg.Done()
	defer c.shutdown()
	c.conn.SetReadLimit(readLimit)
	c.conn.SetReadDeadline(time.Now().Add(2 * h.opts.PingInterval))
	c.conn.SetPongHandler(func(string) error {
		return c.conn.SetReadDeadline(time.Now().Add(2 * h.opts.PingInterval))
	})
	for {
		_, b, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		if f, ok := parseSubscribe(b); ok {
			c.flt.Store(f)
		}
	}
}

func (h *Hub) writeLoop(c *client) {
	defer h.wg.Done()
	defer c.release() // after the socket is closed and the client removed
	defer h.remove(c)
	defer c.conn.Close()
	ping := time.NewTicker(h.opts.PingInterval)
	defer ping.Stop()
	// Replayed frames are sent before any queued live frame; seam drops the queued copies.
	seam, err := h.replayTo(c)
	if err != nil {
		c.shutdown()
		return
	}
	for {
		select {
		case <-c.quit: // before the queue: a lagged client must not keep being fed
			h.closeClient(c)
			return
		default:
		}
		select {
		case f := <-c.send:
			if seam.duplicate(f.id) {
				continue
			}
			if err := h.write(c, f); err != nil {
				c.shutdown()
				return
			}
		case <-ping.C:
			if err := c.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(h.opts.WriteTimeout)); err != nil {
				c.shutdown()
				return
			}
		case <-c.quit:
			h.closeClient(c)
			return
		}
	}
}

// write sends one frame and advances the client's resume point.
func (h *Hub) write(c *client, f frame) error {
	c.conn.SetWriteDeadline(time.Now().Add(h.opts.WriteTimeout))
	if err := c.conn.WriteMessage(websocket.TextMessage, f.data); err != nil {
		return err
	}
	h.sent.Add(1)
	c.lastID = max(c.lastID, f.id)
	return nil
}

// closeClient sends the close frame; a client dropped for being slow first gets
// {"type":"lagged","data":{"afterId":N}} naming the last frame it was sent.
func (h *Hub) closeClient(c *client) {
	code := int(c.closeCode.Load())
	reason := "server shutting down"
	if code == websocket.ClosePolicyViolation {
		reason = "client too slow"
		c.conn.SetWriteDeadline(time.Now().Add(h.opts.WriteTimeout))
		c.conn.WriteMessage(websocket.TextMessage, laggedFrame(c.lastID))
	}
	c.conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
}

// IsUpgrade reports whether r asks for a WebSocket upgrade.
func IsUpgrade(r *http.Request) bool { return websocket.IsWebSocketUpgrade(r) }
