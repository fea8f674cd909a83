package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/corescope/corescope/internal/testutil"
)

// TestServer_WebSocketCapFromConfig runs the server binary with websocket.maxPerClient 2
// and the token buckets switched off: a client forwarded by the default trusted proxy
// (loopback) holds two connections, the third is refused with 429 before the upgrade,
// and closing one lets a new one in.
func TestServer_WebSocketCapFromConfig(t *testing.T) {
	dir := t.TempDir()
	db := testutil.CopyFixture(t)
	testutil.OpenMigrated(t, db).Close()
	cfg := map[string]any{"dbPath": db, "rateLimit": map[string]any{"enabled": false}, "websocket": map[string]any{"maxPerClient": 2}}
	b, _ := json.Marshal(cfg)
	cfgPath := filepath.Join(dir, "config.json")
	if err := os.WriteFile(cfgPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "server")
	buildBinary(t, "./cmd/server", bin)
	port := testutil.FreePort(t)
	startProc(t, bin, []string{"PORT=" + strconv.Itoa(port), "CORESCOPE_INGESTOR_STATS=" + filepath.Join(dir, "stats.json")},
		"-config", cfgPath, "-public", filepath.Join(dir, "no-public"))
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	waitTCP(t, addr)

	url := "ws://" + addr + "/ws"
	hdr := http.Header{"X-Forwarded-For": {"203.0.113.20"}}
	var conns []*websocket.Conn
	for i := range 2 {
		c, resp, err := websocket.DefaultDialer.Dial(url, hdr)
		if err != nil {
			t.Fatalf("connection %d: %v (%v)", i+1, err, resp)
		}
		t.Cleanup(func() { c.Close() })
		conns = append(conns, c)
	}
	_, resp, err := websocket.DefaultDialer.Dial(url, hdr)
	if err == nil || resp == nil || resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("third connection: %v %v, want 429 with Retry-After", err, resp)
	}
	conns[0].Close()
	// The server frees the slot once it sees the close; poll until a new upgrade is accepted.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		c, resp, err := websocket.DefaultDialer.Dial(url, hdr)
		if err == nil {
			c.Close()
			break
		}
		if resp == nil || resp.StatusCode != http.StatusTooManyRequests || time.Now().After(deadline) {
			t.Fatalf("after closing one: %v %v, want a new connection accepted", err, resp)
		}
	}
}
