package api_test

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/corescope/corescope/internal/testutil"
)

// scopedPacket is one transmission the WebSocket scope test writes: its scope_name
// (nil: not scoped) and route type.
type scopedPacket struct {
	hash  string
	scope *string
	route int
}

// insertScoped writes one transmission with one observation, as the ingestor would.
func insertScoped(t *testing.T, db *sql.DB, p scopedPacket) {
	t.Helper()
	now := time.Now().UTC()
	r, err := db.Exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type, scope_name)
		VALUES ('0500', ?, ?, ?, 5, ?)`, p.hash, now.Format(time.RFC3339), p.route, p.scope)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := r.LastInsertId()
	if _, err := db.Exec(`INSERT INTO observations (transmission_id, observer_idx, snr, rssi, path_json, timestamp)
		VALUES (?, 1, 4.5, -95, '[]', ?)`, id, now.Unix()); err != nil {
		t.Fatal(err)
	}
}

// wsFrame is the part of a packet frame the test reads.
type wsFrame struct {
	Data struct {
		Hash      string  `json:"hash"`
		ScopeName *string `json:"scope_name"`
	} `json:"data"`
}

func readFrame(t *testing.T, c *websocket.Conn) wsFrame {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, b, err := c.ReadMessage()
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	var f wsFrame
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("frame %s: %v", b, err)
	}
	return f
}

// TestWebSocket_ScopeSubscription serves a fixture copy, connects clients filtered by
// ?scope= and writes scoped, unlisted-region and unscoped packets to the database: each
// client gets exactly the packets of its scopes (checked by hash against what was written,
// with a sentinel written after an unfiltered client has seen everything, so nothing
// unwanted can hide before it), and every frame carries the stored scope_name.
func TestWebSocket_ScopeSubscription(t *testing.T) {
	ts := testutil.NewTestServer(t, nil)
	base := "ws" + strings.TrimPrefix(ts.URL, "http") + "/ws"
	dial := func(q string) *websocket.Conn {
		c, _, err := websocket.DefaultDialer.Dial(base+q, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	sjcOnly := dial("?scope=SJC")
	unscoped := dial("?scope=unscoped,unknown")
	named := dial("?scope=%23oak,$priv")
	all := dial("")
	for deadline := time.Now().Add(5 * time.Second); ts.Hub.Clients() < 4; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("clients = %d, want 4", ts.Hub.Clients())
		}
	}
	s := func(v string) *string { return &v }
	packets := []scopedPacket{
		{"ws-scope-oak", s("#oak"), 0}, {"ws-scope-plain", nil, 1}, {"ws-scope-unlisted", s(""), 0},
		{"ws-scope-sjc", s("#sjc"), 3}, {"ws-scope-priv", s("$priv"), 0},
	}
	for _, p := range packets {
		insertScoped(t, ts.WriterDB, p)
	}
	seen := map[string]string{}
	for range packets {
		f := readFrame(t, all)
		seen[f.Data.Hash] = fmt.Sprint(deref(f.Data.ScopeName))
	}
	for _, p := range packets {
		if got, ok := seen[p.hash]; !ok || got != fmt.Sprint(deref(p.scope)) {
			t.Errorf("unfiltered client: %s scope_name %q (seen %v), want %q", p.hash, got, ok, fmt.Sprint(deref(p.scope)))
		}
	}
	// Sentinels, one per filter, written after the unfiltered client saw every packet.
	for _, p := range []scopedPacket{{"ws-sentinel-sjc", s("#sjc"), 0}, {"ws-sentinel-plain", nil, 1}, {"ws-sentinel-oak", s("#oak"), 0}} {
		insertScoped(t, ts.WriterDB, p)
	}
	for _, tc := range []struct {
		name string
		c    *websocket.Conn
		want []string // before the sentinel, in any order
		end  string
	}{
		{"scope=SJC", sjcOnly, []string{"ws-scope-sjc"}, "ws-sentinel-sjc"},
		{"scope=unscoped,unknown", unscoped, []string{"ws-scope-plain", "ws-scope-unlisted"}, "ws-sentinel-plain"},
		{"scope=#oak,$priv", named, []string{"ws-scope-oak", "ws-scope-priv"}, "ws-sentinel-oak"},
	} {
		want := map[string]bool{}
		for _, h := range tc.want {
			want[h] = true
		}
		for len(want) > 0 {
			f := readFrame(t, tc.c)
			if !want[f.Data.Hash] {
				t.Fatalf("%s: got %s, want one of %v", tc.name, f.Data.Hash, want)
			}
			delete(want, f.Data.Hash)
		}
		if f := readFrame(t, tc.c); f.Data.Hash != tc.end {
			t.Errorf("%s: got %s after its packets, want the sentinel %s", tc.name, f.Data.Hash, tc.end)
		}
	}
}

func deref(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}
