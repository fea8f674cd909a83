package api

import (
	"net/http"
	"strconv"
	"sync"
)

// wsRetryAfterSec is the Retry-After sent with a refused upgrade: a slot frees only when
// one of the client's own connections closes, so this is a polite back-off, not a promise.
const wsRetryAfterSec = 5

// wsSlots caps concurrent WebSocket connections per client address. Clients are found
// exactly as the rate limiter finds them (trusted proxies, X-Forwarded-For, IPv6 /64),
// and loopback follows the limiter's exemption. Only addresses with an open connection
// have an entry, so the map is bounded by the connections themselves.
type wsSlots struct {
	max            int
	exemptLoopback bool
	proxies        *ipSet

	mu   sync.Mutex
	open map[string]int
}

// newWSSlots returns nil (no cap) when max <= 0.
func newWSSlots(max int, rl RateLimit) *wsSlots {
	if max <= 0 {
		return nil
	}
	return &wsSlots{max: max, exemptLoopback: rl.ExemptLoopback, proxies: newIPSet(rl.TrustedProxies), open: map[string]int{}}
}

// acquire takes one of key's slots; false when all are in use.
func (ws *wsSlots) acquire(key string) bool {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.open[key] >= ws.max {
		return false
	}
	ws.open[key]++
	return true
}

// release gives back one of key's slots.
func (ws *wsSlots) release(key string) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.open[key] <= 1 {
		delete(ws.open, key)
		return
	}
	ws.open[key]--
}

// serveWS hands an upgrade to the hub, or answers 429 before upgrading when the client
// already holds websocket.maxPerClient connections.
func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	ws := s.ops.wsSlots
	if ws == nil {
		s.opts.Hub.ServeHTTP(w, r)
		return
	}
	ip := ws.proxies.clientIP(r)
	if ws.exemptLoopback && ip.IsLoopback() {
		s.opts.Hub.ServeHTTP(w, r)
		return
	}
	key := clientKey(ip)
	if !ws.acquire(key) {
		if s.ops.limited != nil {
			s.ops.limited.Add(1, "websocket")
		}
		w.Header().Set("Retry-After", strconv.Itoa(wsRetryAfterSec))
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": "too many WebSocket connections from this address; close one and retry"})
		return
	}
	var once sync.Once
	s.opts.Hub.ServeConn(w, r, func() { once.Do(func() { ws.release(key) }) })
}
