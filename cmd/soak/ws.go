package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// wsClient is one /ws connection: normal clients read everything; slow ones never read
// during the load (with a tiny socket buffer) and must be dropped by the server.
type wsClient struct {
	conn     *websocket.Conn
	slow     bool
	received atomic.Int64
	ended    atomic.Bool // the server closed or the connection failed during the load
	endErr   atomic.Value
}

type wsFleet struct {
	o       options
	clients []*wsClient
}

type wsResult struct {
	normal, slow                 int
	normalDropped, slowDropped   int
	minRecv, medianRecv, maxRecv int64
	firstEnd                     string
}

func newWSFleet(o options) *wsFleet { return &wsFleet{o: o} }

// connect opens every client before the load starts (10 dials at a time).
func (f *wsFleet) connect(ctx context.Context) error {
	url := "ws" + strings.TrimPrefix(f.o.base, "http") + "/ws"
	normal := websocket.Dialer{HandshakeTimeout: 30 * time.Second}
	slow := websocket.Dialer{HandshakeTimeout: 30 * time.Second, ReadBufferSize: 512,
		NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
			if tc, ok := c.(*net.TCPConn); ok {
				tc.SetReadBuffer(4096)
			}
			return c, err
		}}
	f.clients = make([]*wsClient, f.o.ws)
	sem := make(chan struct{}, 10)
	var wg sync.WaitGroup
	var firstErr atomic.Value
	for i := range f.clients {
		c := &wsClient{slow: i < f.o.slow}
		f.clients[i] = c
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			d := normal
			if c.slow {
				d = slow
			}
			conn, _, err := d.DialContext(ctx, url, nil)
			if err != nil {
				firstErr.CompareAndSwap(nil, fmt.Errorf("dial %s: %w", url, err))
				return
			}
			c.conn = conn
		}()
	}
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		f.close()
		return err
	}
	return nil
}

// run reads on every normal client until ctx ends, then checks the slow ones.
func (f *wsFleet) run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, c := range f.clients {
		if c.slow {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				_, r, err := c.conn.NextReader()
				if err != nil {
					if ctx.Err() == nil {
						c.ended.Store(true)
						c.endErr.Store(err.Error())
					}
					return
				}
				io.Copy(io.Discard, r)
				c.received.Add(1)
			}
		}()
	}
	<-ctx.Done()
	// Slow clients: drain what the kernel buffered; a close from the server (or a reset)
	// means it was dropped, a read timeout means it is still connected.
	var slow sync.WaitGroup
	for _, c := range f.clients {
		if c.slow {
			slow.Add(1)
			go func() { defer slow.Done(); c.checkDropped() }()
		}
	}
	slow.Wait()
	f.close() // ends the normal readers
	wg.Wait()
}

// checkDropped reads what is buffered for a slow client until the connection ends (it
// was dropped) or nothing arrives for 3 s (still connected).
func (c *wsClient) checkDropped() {
	for {
		c.conn.SetReadDeadline(time.Now().Add(3 * time.Second))
		_, r, err := c.conn.NextReader()
		if err != nil {
			var ne net.Error
			if !(errors.As(err, &ne) && ne.Timeout()) {
				c.ended.Store(true)
				c.endErr.Store(err.Error())
			}
			return
		}
		io.Copy(io.Discard, r)
		c.received.Add(1)
	}
}

func (f *wsFleet) close() {
	for _, c := range f.clients {
		if c.conn != nil {
			c.conn.Close()
		}
	}
}

func (f *wsFleet) result() wsResult {
	var r wsResult
	var recv []int64
	for _, c := range f.clients {
		if c.slow {
			r.slow++
			if c.ended.Load() {
				r.slowDropped++
			}
			continue
		}
		r.normal++
		recv = append(recv, c.received.Load())
		if c.ended.Load() {
			r.normalDropped++
			if r.firstEnd == "" {
				r.firstEnd, _ = c.endErr.Load().(string)
			}
		}
	}
	if len(recv) > 0 {
		sort.Slice(recv, func(i, j int) bool { return recv[i] < recv[j] })
		r.minRecv, r.medianRecv, r.maxRecv = recv[0], recv[len(recv)/2], recv[len(recv)-1]
	}
	return r
}
