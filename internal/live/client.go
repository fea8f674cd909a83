package live

import (
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

const readLimit = 512

type client struct {
	conn *websocket.Conn
	send chan []byte
	flt  atomic.Pointer[Filter]
	once sync.Once
	quit chan struct{}
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

// kick ends a slow client; it reports whether this call did it.
func (c *client) kick() bool {
	done := false
	c.once.Do(func() {
		c.closeCode.Store(websocket.ClosePolicyViolation)
		close(c.quit)
		// The writer may be blocked on a full socket; closing the connection unblocks it.
		c.conn.Close()
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
	c := &client{conn: conn, send: make(chan []byte, h.opts.QueueSize), quit: make(chan struct{}), done: done}
	c.flt.Store(FilterFromQuery(r.URL.Query()))
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
	for {
		select {
		case b := <-c.send:
			c.conn.SetWriteDeadline(time.Now().Add(h.opts.WriteTimeout))
			if err := c.conn.WriteMessage(websocket.TextMessage, b); err != nil {
				c.shutdown()
				return
			}
			h.sent.Add(1)
		case <-ping.C:
			if err := c.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(h.opts.WriteTimeout)); err != nil {
				c.shutdown()
				return
			}
		case <-c.quit:
			reason := "server shutting down"
			if int(c.closeCode.Load()) == websocket.ClosePolicyViolation {
				reason = "client too slow"
			}
			c.conn.WriteControl(websocket.CloseMessage,
				websocket.FormatCloseMessage(int(c.closeCode.Load()), reason), time.Now().Add(time.Second))
			return
		}
	}
}

// IsUpgrade reports whether r asks for a WebSocket upgrade.
func IsUpgrade(r *http.Request) bool { return websocket.IsWebSocketUpgrade(r) }
