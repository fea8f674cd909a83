package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/corescope/corescope/internal/meshsim/loadtest"
	"github.com/gorilla/websocket"
)

// sentTimes maps a published hash to its publish time; WebSocket readers look up
// every frame's hash in it.
type sentTimes struct {
	mu sync.RWMutex
	m  map[string]time.Time
}

// put records t as hash's publish time unless the packet was already published (by
// another observer: latencies run from a packet's first message).
func (s *sentTimes) put(hash string, t time.Time) {
	s.mu.Lock()
	if _, ok := s.m[hash]; !ok {
		s.m[hash] = t
	}
	s.mu.Unlock()
}

func newSentTimes() *sentTimes { return &sentTimes{m: map[string]time.Time{}} }

func (s *sentTimes) len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.m)
}

func (s *sentTimes) get(hash string) (time.Time, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, ok := s.m[hash]
	return t, ok
}

// wsFleet holds n /ws clients that record publish → read latency of every frame whose
// hash was published in the paced phase.
type wsFleet struct {
	conns   []*websocket.Conn
	mu      sync.Mutex
	lat     []time.Duration
	ended   atomic.Int64
	matched atomic.Int64
	got     atomic.Int64 // frames of the phase read so far (matched counts them at the end)
}

func dialFleet(ctx context.Context, base string, n int) (*wsFleet, error) {
	url := "ws" + strings.TrimPrefix(base, "http") + "/ws"
	f := &wsFleet{conns: make([]*websocket.Conn, n)}
	d := websocket.Dialer{HandshakeTimeout: 30 * time.Second}
	sem := make(chan struct{}, 10)
	var wg sync.WaitGroup
	var firstErr atomic.Value
	for i := range f.conns {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			c, _, err := d.DialContext(ctx, url, nil)
			if err != nil {
				firstErr.CompareAndSwap(nil, fmt.Errorf("dial %s: %w", url, err))
				return
			}
			f.conns[i] = c
		}()
	}
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		f.close()
		return nil, err
	}
	return f, nil
}

// read runs one reader per client until the fleet is closed.
func (f *wsFleet) read(sent *sentTimes, closing *atomic.Bool) *sync.WaitGroup {
	var wg sync.WaitGroup
	for _, c := range f.conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for {
				_, msg, err := c.ReadMessage()
				if err != nil {
					if !closing.Load() {
						f.ended.Add(1)
					}
					break
				}
				now := time.Now()
				if h := frameHash(msg); h != "" {
					if t, ok := sent.get(h); ok {
						mine = append(mine, now.Sub(t))
						f.got.Add(1)
					}
				}
			}
			f.matched.Add(int64(len(mine)))
			f.mu.Lock()
			f.lat = append(f.lat, mine...)
			f.mu.Unlock()
		}()
	}
	return &wg
}

// settle waits until the clients have read want frames of the phase, or no new one
// arrived for quiet, or max passed: frames still queued in the server or the socket
// are then read before the fleet closes, instead of counting as undelivered.
func (f *wsFleet) settle(ctx context.Context, want int64, quiet, max time.Duration) {
	deadline := time.Now().Add(max)
	last, lastChange := int64(-1), time.Now()
	for ctx.Err() == nil && time.Now().Before(deadline) {
		n := f.got.Load()
		if n >= want {
			return
		}
		if n != last {
			last, lastChange = n, time.Now()
		} else if time.Since(lastChange) > quiet {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// result closes the fleet, waits for its readers and summarises what they read of the
// phase's msgs messages published over phase.
func (f *wsFleet) result(closing *atomic.Bool, readers *sync.WaitGroup, msgs int, phase time.Duration) loadtest.WSResult {
	closing.Store(true)
	f.close()
	readers.Wait()
	return loadtest.WSResult{Clients: len(f.conns), Expected: int64(msgs) * int64(len(f.conns)), Delivered: f.matched.Load(),
		Latency: loadtest.Summarize(f.lat), DroppedConns: int(f.ended.Load()), For: phase}
}

func (f *wsFleet) close() {
	for _, c := range f.conns {
		if c != nil {
			c.Close()
		}
	}
}

var hashKey = []byte(`"hash":"`)

// frameHash returns the first "hash" string value in a WebSocket frame (the packet's
// content hash in the server's packet messages), or "" when there is none.
func frameHash(msg []byte) string {
	i := bytes.Index(msg, hashKey)
	if i < 0 {
		return ""
	}
	rest := msg[i+len(hashKey):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return ""
	}
	return string(rest[:j])
}
