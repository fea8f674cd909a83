package live

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

func startHub(t *testing.T, opts Options) (*Hub, *httptest.Server) {
	t.Helper()
	h := New(opts)
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		h.Close(ctx)
		srv.Close()
	})
	return h, srv
}

func dial(t *testing.T, srv *httptest.Server, query string, hdr http.Header) *websocket.Conn {
	t.Helper()
	c, resp, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http")+"/ws"+query, hdr)
	if err != nil {
		code := 0
		if resp != nil {
			code = resp.StatusCode
		}
		t.Fatalf("dial: %v (status %d)", err, code)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func waitClients(t *testing.T, h *Hub, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for h.Clients() != n {
		if time.Now().After(deadline) {
			t.Fatalf("clients = %d, want %d", h.Clients(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func readMsg(t *testing.T, c *websocket.Conn) string {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, b, err := c.ReadMessage()
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return string(b)
}

func TestHub_BroadcastReachesClients(t *testing.T) {
	h, srv := startHub(t, Options{})
	a := dial(t, srv, "", nil)
	b := dial(t, srv, "", nil)
	waitClients(t, h, 2)
	h.Broadcast(Message{Data: []byte(`{"type":"packet","data":{"id":1}}`), PayloadType: 4})
	for _, c := range []*websocket.Conn{a, b} {
		if got := readMsg(t, c); got != `{"type":"packet","data":{"id":1}}` {
			t.Fatalf("got %s", got)
		}
	}
}

func TestHub_OriginCheck(t *testing.T) {
	_, srv := startHub(t, Options{AllowedOrigins: []string{"https://ok.example", "*"}})
	url := "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws"
	for _, tc := range []struct {
		origin string
		ok     bool
	}{
		{"", true},
		{srv.URL, true},
		{"https://ok.example", true},
		{"https://evil.example", false},
		{"::not a url", false},
	} {
		hdr := http.Header{}
		if tc.origin != "" {
			hdr.Set("Origin", tc.origin)
		}
		c, resp, err := websocket.DefaultDialer.Dial(url, hdr)
		if tc.ok && err != nil {
			t.Fatalf("origin %q: dial failed: %v", tc.origin, err)
		}
		if !tc.ok {
			if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
				t.Fatalf("origin %q: want 403, got err=%v resp=%v", tc.origin, err, resp)
			}
			continue
		}
		c.Close()
	}
}

func TestHub_SlowClientDroppedOthersServed(t *testing.T) {
	// A dropped client keeps its socket until its blocked write times out (it may still
	// read the lagged frame), so the write timeout is short here.
	h, srv := startHub(t, Options{QueueSize: 8, WriteTimeout: 200 * time.Millisecond})
	slow := dial(t, srv, "", nil) // never reads: its socket buffers and queue fill up
	fast := dial(t, srv, "", nil)
	waitClients(t, h, 2)
	payload := []byte(`{"type":"packet","data":{"pad":"` + strings.Repeat("x", 64<<10) + `"}}`)
	// Lock-step with the fast reader: it is never behind by more than one message.
	for i := 0; i < 400 && h.Stats().Dropped == 0; i++ {
		h.Broadcast(Message{Data: payload})
		if got := readMsg(t, fast); len(got) != len(payload) {
			t.Fatalf("message %d: got %d bytes", i, len(got))
		}
	}
	if h.Stats().Dropped != 1 {
		t.Fatalf("dropped = %d, want exactly the slow client", h.Stats().Dropped)
	}
	waitClients(t, h, 1)
	h.Broadcast(Message{Data: []byte("after")})
	if got := readMsg(t, fast); got != "after" {
		t.Fatalf("fast client got %q after the drop", got)
	}
	_ = slow
}

func TestHub_QueryFilter(t *testing.T) {
	h, srv := startHub(t, Options{})
	c := dial(t, srv, "?region=sjc&type=4,5&node=AB", nil)
	waitClients(t, h, 1)
	h.Broadcast(Message{Data: []byte("wrong-region"), IATA: "LAX", PayloadType: 4, Nodes: []string{"abcd"}})
	h.Broadcast(Message{Data: []byte("wrong-type"), IATA: "SJC", PayloadType: 2, Nodes: []string{"abcd"}})
	h.Broadcast(Message{Data: []byte("wrong-node"), IATA: "SJC", PayloadType: 4, Nodes: []string{"cdef"}})
	h.Broadcast(Message{Data: []byte("match"), IATA: "SJC", PayloadType: 5, Nodes: []string{"cdef", "ab12"}})
	if got := readMsg(t, c); got != "match" {
		t.Fatalf("got %q, want match", got)
	}
}

func TestHub_SubscribeMessageReplacesFilter(t *testing.T) {
	h, srv := startHub(t, Options{})
	c := dial(t, srv, "?type=4", nil)
	waitClients(t, h, 1)
	if err := c.WriteMessage(websocket.TextMessage, []byte(`{"type":"subscribe","types":[2]}`)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		var f *Filter
		h.mu.RLock()
		for cl := range h.clients {
			f = cl.filter()
		}
		h.mu.RUnlock()
		if f != nil && f.PayloadTypes[2] {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("subscribe message not applied")
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.Broadcast(Message{Data: []byte("advert"), PayloadType: 4})
	h.Broadcast(Message{Data: []byte("txt"), PayloadType: 2})
	if got := readMsg(t, c); got != "txt" {
		t.Fatalf("got %q, want txt", got)
	}
}

func TestHub_CloseSendsGoingAway(t *testing.T) {
	h, srv := startHub(t, Options{})
	c := dial(t, srv, "", nil)
	waitClients(t, h, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := h.Close(ctx); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, _, err := c.ReadMessage()
	if !websocket.IsCloseError(err, websocket.CloseGoingAway) {
		t.Fatalf("got %v, want close 1001", err)
	}
}

func TestFilter_ZeroPassesEverything(t *testing.T) {
	if f := FilterFromQuery(nil); f != nil || !f.match(&Message{}) {
		t.Fatalf("got %+v, want nil filter matching all", f)
	}
}
