package live

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// TestHub_ServeConnDoneOnce: done runs exactly once per request, whichever way the
// connection ends: the client leaves, the upgrade is refused (foreign Origin), the hub
// shuts it down, or the hub is already closed when the upgrade arrives.
func TestHub_ServeConnDoneOnce(t *testing.T) {
	h := New(Options{})
	var done atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeConn(w, r, func() { done.Add(1) })
	}))
	defer srv.Close()
	url := "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws"
	waitDone := func(want int64) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); done.Load() != want; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("done calls = %d, want %d", done.Load(), want)
			}
		}
	}

	c, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	waitClients(t, h, 1)
	c.Close() // the client leaves
	waitDone(1)

	if _, resp, err := websocket.DefaultDialer.Dial(url, http.Header{"Origin": {"http://evil.example"}}); err == nil ||
		resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("foreign origin: %v, want 403", err)
	}
	waitDone(2)

	c, _, err = websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	waitClients(t, h, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := h.Close(ctx); err != nil { // the hub shuts it down; Close waits for done
		t.Fatal(err)
	}
	if got := done.Load(); got != 3 {
		t.Fatalf("after Close: done calls = %d, want 3", got)
	}

	if c2, _, err := websocket.DefaultDialer.Dial(url, nil); err == nil { // hub already closed
		c2.Close()
	}
	waitDone(4)
}
