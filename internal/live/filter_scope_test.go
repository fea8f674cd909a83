package live

import (
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// TestHub_SubscribeByScope replaces a client's filter with a subscribe message naming a
// scope and checks that only that scope's packets (case-insensitive, '#' optional) reach it.
func TestHub_SubscribeByScope(t *testing.T) {
	h, srv := startHub(t, Options{})
	c := dial(t, srv, "", nil)
	waitClients(t, h, 1)
	if err := c.WriteMessage(websocket.TextMessage, []byte(`{"type":"subscribe","scope":"SJC, unscoped"}`)); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		var f *Filter
		h.mu.RLock()
		for cl := range h.clients {
			f = cl.filter()
		}
		h.mu.RUnlock()
		if f != nil && f.Scopes["#sjc"] && f.Scopes[ScopeUnscoped] {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("subscribe message not applied")
		}
	}
	s := func(v string) *string { return &v }
	h.Broadcast(Message{Data: []byte("oak"), Scope: s("#oak")})
	h.Broadcast(Message{Data: []byte("unlisted"), Scope: s("")})
	h.Broadcast(Message{Data: []byte("sjc"), Scope: s("#Sjc")})
	h.Broadcast(Message{Data: []byte("plain")})
	if got := readMsg(t, c); got != "sjc" {
		t.Fatalf("got %q, want sjc", got)
	}
	if got := readMsg(t, c); got != "plain" {
		t.Fatalf("got %q, want plain", got)
	}
}

func TestFilter_ScopeAllIsNoFilter(t *testing.T) {
	if f := newFilter("", nil, "", " all , "); f != nil {
		t.Fatalf("scope=all: got %+v, want no filter", f)
	}
}
