package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

// scopeOf is the scope_name of a packet shape: absent, null or a string.
type scopeOf struct {
	Hash      string          `json:"hash"`
	PacketHsh string          `json:"packetHash"`
	Scope     json.RawMessage `json:"scope_name"`
}

// sqlScope renders a transmissions.scope_name as the API must: null or a JSON string.
func sqlScope(v sql.Null[string]) string {
	if !v.Valid {
		return "null"
	}
	b, _ := json.Marshal(v.V)
	return string(b)
}

// TestPacketShapes_CarryScopeName checks scope_name on every packet shape (flat and
// grouped /api/packets, packet detail, channel messages) against
// transmissions.scope_name in SQL, on a simulated mesh with scoped floods.
func TestPacketShapes_CarryScopeName(t *testing.T) {
	_, path, now := simScopesDB(t)
	srv := testutil.NewTestServerAt(t, path, func(o *api.Options) { o.Now = func() time.Time { return now } })
	db, err := schema.OpenReadOnly(context.Background(), path, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[string]string{}
	rows, err := db.Query(`SELECT hash, scope_name FROM transmissions`)
	if err != nil {
		t.Fatal(err)
	}
	named, unnamed := 0, 0
	for rows.Next() {
		var h string
		var s sql.Null[string]
		if err := rows.Scan(&h, &s); err != nil {
			t.Fatal(err)
		}
		want[h] = sqlScope(s)
		if s.Valid && s.V != "" {
			named++
		} else if !s.Valid {
			unnamed++
		}
	}
	rows.Close()
	if named == 0 || unnamed == 0 {
		t.Fatalf("fixture has %d named-scope and %d unscoped packets: need both", named, unnamed)
	}
	check := func(what string, list []scopeOf) {
		t.Helper()
		if len(list) == 0 {
			t.Fatalf("%s: no packets", what)
		}
		scoped := 0
		for _, p := range list {
			h := p.Hash + p.PacketHsh
			if p.Scope == nil {
				t.Fatalf("%s %s: no scope_name field", what, h)
			}
			if string(p.Scope) != want[h] {
				t.Errorf("%s %s: scope_name %s, SQL %s", what, h, p.Scope, want[h])
			}
			if string(p.Scope) != "null" {
				scoped++
			}
		}
		if scoped == 0 {
			t.Errorf("%s: no scoped packet among %d", what, len(list))
		}
	}
	var flat, grouped struct{ Packets []scopeOf }
	getJSON(t, srv.URL+"/api/packets?limit=5000", &flat)
	check("packets", flat.Packets)
	getJSON(t, srv.URL+"/api/packets?limit=5000&groupByHash=true", &grouped)
	check("grouped packets", grouped.Packets)

	var scopedHash string
	for h, s := range want {
		if s != "null" && s != `""` {
			scopedHash = h
			break
		}
	}
	var det struct{ Packet scopeOf }
	getJSON(t, srv.URL+"/api/packets/"+scopedHash, &det)
	if string(det.Packet.Scope) != want[scopedHash] {
		t.Errorf("packet detail %s: scope_name %s, SQL %s", scopedHash, det.Packet.Scope, want[scopedHash])
	}

	var channel string
	if err := db.QueryRow(`SELECT channel_hash FROM transmissions WHERE payload_type = 5 AND scope_name LIKE '#%' AND channel_hash IS NOT NULL LIMIT 1`).Scan(&channel); err != nil {
		t.Fatalf("no scoped channel message in the fixture: %v", err)
	}
	var msgs struct{ Messages []scopeOf }
	getJSON(t, srv.URL+"/api/channels/"+url.PathEscape(channel)+"/messages?limit=500", &msgs)
	check("channel messages", msgs.Messages)
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", u, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}
