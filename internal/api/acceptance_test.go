package api

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/schema"
)

func dbCount(t *testing.T, path, q string) int {
	t.Helper()
	db, err := sql.Open("sqlite", schema.ReaderDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// TestAcceptance_CountsMatchDB checks the P0 list endpoints against the fixture's rows.
func TestAcceptance_CountsMatchDB(t *testing.T) {
	countsMatchDB(t, newFixture(t))
}

func countsMatchDB(t *testing.T, f *fixture) {
	wantTx := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions")
	wantNodes := dbCount(t, f.dbPath, "SELECT count(*) FROM nodes")
	wantObs := dbCount(t, f.dbPath, "SELECT count(*) FROM observers WHERE coalesce(inactive,0)=0")
	wantObservations := dbCount(t, f.dbPath, "SELECT count(*) FROM observations")
	if wantTx != 499 || wantNodes != 200 || wantObs != 31 {
		t.Fatalf("fixture has %d tx, %d nodes, %d observers; want 499/200/31", wantTx, wantNodes, wantObs)
	}
	t.Run("packets", func(t *testing.T) {
		var p struct {
			Packets []TxJSON `json:"packets"`
			Total   int      `json:"total"`
			Limit   int      `json:"limit"`
		}
		f.getJSON(t, "/api/packets?limit=100000", &p)
		if p.Total != wantTx || len(p.Packets) != wantTx || p.Limit != 10000 {
			t.Fatalf("got total %d, rows %d, limit %d; want %d rows, limit clamped to 10000", p.Total, len(p.Packets), p.Limit, wantTx)
		}
		for i := 1; i < len(p.Packets); i++ {
			if p.Packets[i-1].ID <= p.Packets[i].ID {
				t.Fatalf("packets not in descending id order at %d", i)
			}
		}
		f.getJSON(t, "/api/packets", &p)
		if len(p.Packets) != 50 || p.Limit != 50 {
			t.Fatalf("default page: got %d rows limit %d, want 50", len(p.Packets), p.Limit)
		}
	})
	t.Run("grouped", func(t *testing.T) {
		var p struct {
			Packets []GroupedTx `json:"packets"`
			Total   int         `json:"total"`
		}
		f.getJSON(t, "/api/packets?groupByHash=true&limit=10000", &p)
		obs := 0
		for _, g := range p.Packets {
			obs += g.ObservationCount
		}
		if p.Total != wantTx || obs != wantObservations {
			t.Fatalf("grouped: total %d, observations %d; want %d, %d", p.Total, obs, wantTx, wantObservations)
		}
	})
	t.Run("type filter", func(t *testing.T) {
		var p struct {
			Total int `json:"total"`
		}
		f.getJSON(t, "/api/packets?type=5", &p)
		if want := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE payload_type=5"); p.Total != want {
			t.Fatalf("type=5: got %d, want %d", p.Total, want)
		}
	})
	t.Run("nodes", func(t *testing.T) {
		var n struct {
			Nodes  []NodeJSON `json:"nodes"`
			Total  int        `json:"total"`
			Counts RoleCounts `json:"counts"`
		}
		f.getJSON(t, "/api/nodes?limit=5000", &n)
		if n.Total != wantNodes || len(n.Nodes) != wantNodes {
			t.Fatalf("got total %d rows %d, want %d", n.Total, len(n.Nodes), wantNodes)
		}
		if want := dbCount(t, f.dbPath, "SELECT count(*) FROM nodes WHERE role='repeater'"); n.Counts.Repeaters != want {
			t.Fatalf("repeaters %d, want %d", n.Counts.Repeaters, want)
		}
	})
	t.Run("observers", func(t *testing.T) {
		var o struct {
			Observers []ObserverJSON `json:"observers"`
		}
		f.getJSON(t, "/api/observers", &o)
		if len(o.Observers) != wantObs {
			t.Fatalf("got %d observers, want %d", len(o.Observers), wantObs)
		}
	})
	t.Run("stats", func(t *testing.T) {
		var s struct {
			TotalTransmissions int `json:"totalTransmissions"`
			TotalObservations  int `json:"totalObservations"`
			TotalNodesAllTime  int `json:"totalNodesAllTime"`
			TotalObservers     int `json:"totalObservers"`
		}
		f.getJSON(t, "/api/stats", &s)
		if s.TotalTransmissions != wantTx || s.TotalObservations != wantObservations || s.TotalNodesAllTime != wantNodes || s.TotalObservers != wantObs {
			t.Fatalf("got %+v", s)
		}
	})
	t.Run("packet detail", func(t *testing.T) {
		var p struct {
			Packets []TxJSON `json:"packets"`
		}
		f.getJSON(t, "/api/packets?limit=1", &p)
		var d PacketDetail
		f.getJSON(t, "/api/packets/"+strings.ToUpper(p.Packets[0].Hash), &d)
		want := dbCount(t, f.dbPath, "SELECT count(*) FROM observations o JOIN transmissions t ON t.id=o.transmission_id WHERE t.hash='"+p.Packets[0].Hash+"'")
		if d.ObservationCount != max(1, want) || len(d.Observations) != want {
			t.Fatalf("detail: %d observations (count %d), want %d", len(d.Observations), d.ObservationCount, want)
		}
	})
	t.Run("channels", func(t *testing.T) {
		var c struct {
			Channels []Channel `json:"channels"`
		}
		f.getJSON(t, "/api/channels?includeEncrypted=true", &c)
		sum := 0
		for _, ch := range c.Channels {
			sum += ch.MessageCount
		}
		if want := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE payload_type=5"); sum != want {
			t.Fatalf("channel messages sum %d, want %d", sum, want)
		}
		var m struct {
			Messages []ChannelMessage `json:"messages"`
			Total    int              `json:"total"`
		}
		f.getJSON(t, "/api/channels/%23wardriving/messages?limit=3", &m)
		want := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE channel_hash='#wardriving'")
		if m.Total != want || len(m.Messages) != min(3, want) {
			t.Fatalf("messages: total %d rows %d, want %d", m.Total, len(m.Messages), want)
		}
		for i := 1; i < len(m.Messages); i++ {
			if m.Messages[i-1].FirstSeen > m.Messages[i].FirstSeen {
				t.Fatalf("page not oldest→newest")
			}
		}
	})
}

func (r fakeReady) LoadProgress() (int64, bool, bool) { return 42, r.first, r.done }

func TestAcceptance_HidingRules(t *testing.T) {
	var first struct {
		Nodes []NodeJSON `json:"nodes"`
	}
	newFixture(t).getJSON(t, "/api/nodes?limit=1", &first)
	pk := first.Nodes[0].PublicKey
	f := newFixture(t, func(o *Options) { o.NodeBlacklist = []string{strings.ToUpper(pk)} })
	if code, _, _ := f.do(t, http.MethodGet, "/api/nodes/"+pk, "", nil); code != 404 {
		t.Fatalf("blacklisted node: got %d, want 404", code)
	}
	var n struct {
		Total int `json:"total"`
	}
	f.getJSON(t, "/api/nodes", &n)
	if n.Total != 199 {
		t.Fatalf("total %d, want 199 with one blacklisted", n.Total)
	}
}

func TestAcceptance_RecentCounts(t *testing.T) {
	now := time.Date(2026, 5, 17, 18, 14, 0, 0, time.UTC)
	f := newFixture(t, func(o *Options) { o.Now = func() time.Time { return now } })
	hourAgo := now.Add(-time.Hour).Unix()
	wantHour := dbCount(t, f.dbPath, "SELECT count(*) FROM observations WHERE timestamp >= "+strconv.FormatInt(hourAgo, 10))
	var s struct {
		PacketsLastHour int `json:"packetsLastHour"`
		PacketsLast24h  int `json:"packetsLast24h"`
	}
	f.getJSON(t, "/api/stats", &s)
	if wantHour == 0 || s.PacketsLastHour != wantHour {
		t.Fatalf("packetsLastHour %d, want %d", s.PacketsLastHour, wantHour)
	}
	if want := dbCount(t, f.dbPath, "SELECT count(*) FROM observations"); s.PacketsLast24h != want {
		t.Fatalf("packetsLast24h %d, want %d", s.PacketsLast24h, want)
	}
	var o struct {
		Observers []ObserverJSON `json:"observers"`
	}
	f.getJSON(t, "/api/observers", &o)
	sum := 0
	for _, ob := range o.Observers {
		sum += ob.PacketsLastHour
	}
	if sum != wantHour {
		t.Fatalf("observers packetsLastHour sum %d, want %d", sum, wantHour)
	}
}

// missingNodeStore is the fixture store with one node's row removed, so that node has
// packets but no nodes entry.
type missingNodeStore struct {
	Store
	pk string
}

func (m missingNodeStore) Nodes() ([]NodeRow, error) {
	all, err := m.Store.Nodes()
	out := all[:0]
	for _, n := range all {
		if !strings.EqualFold(n.PublicKey, m.pk) {
			out = append(out, n)
		}
	}
	return out, err
}

func TestAcceptance_NodeHealthStub(t *testing.T) {
	var adv struct {
		Packets []TxJSON `json:"packets"`
	}
	newFixture(t).getJSON(t, "/api/packets?type=4&limit=1", &adv)
	var d struct {
		PubKey string `json:"pubKey"`
	}
	json.Unmarshal([]byte(deref(adv.Packets[0].DecodedJSON)), &d)
	pk := strings.ToLower(d.PubKey)
	f := newFixture(t, func(o *Options) { o.Store = missingNodeStore{Store: o.Store, pk: pk} })
	if code, _, _ := f.do(t, http.MethodGet, "/api/nodes/"+pk, "", nil); code != 404 {
		t.Fatalf("detail of a node without a row: %d, want 404", code)
	}
	var h struct {
		Node  NodeJSON  `json:"node"`
		Stats NodeStats `json:"stats"`
	}
	f.getJSON(t, "/api/nodes/"+pk+"/health", &h)
	if h.Node.PublicKey != pk || deref(h.Node.Name) != "Unknown" || deref(h.Node.Role) != "unknown" || h.Stats.TotalTransmissions == 0 {
		t.Fatalf("stub %+v stats %+v", h.Node, h.Stats)
	}
	if code, _, _ := f.do(t, http.MethodGet, "/api/nodes/"+strings.Repeat("0", 64)+"/health", "", nil); code != 404 {
		t.Fatalf("unknown key without packets: %d, want 404", code)
	}
}

func TestAcceptance_NodeEnrichment(t *testing.T) {
	now := time.Date(2026, 5, 17, 18, 14, 0, 0, time.UTC)
	f := newFixture(t, func(o *Options) { o.Now = func() time.Time { return now } })
	db, err := sql.Open("sqlite", schema.ReaderDSN(f.dbPath))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var pk string
	var want int
	// Relay counts leave adverts out (parity.md §2).
	err = db.QueryRow(`SELECT lower(j.value), count(DISTINCT o.transmission_id) c FROM observations o
		JOIN transmissions t ON t.id = o.transmission_id AND t.payload_type != 4, json_each(o.resolved_path) j
		JOIN nodes n ON lower(n.public_key) = lower(j.value) WHERE j.value IS NOT NULL AND n.role IN ('repeater','room')
		GROUP BY lower(j.value) ORDER BY c DESC LIMIT 1`).Scan(&pk, &want)
	if err != nil {
		t.Fatalf("find a relaying repeater: %v", err)
	}
	var d struct {
		Node NodeJSON `json:"node"`
	}
	f.getJSON(t, "/api/nodes/"+pk, &d)
	if d.Node.RelayCount24h == nil || *d.Node.RelayCount24h != want || d.Node.RelayActive == nil || !*d.Node.RelayActive {
		t.Fatalf("relay_count_24h %v active %v, want %d active", d.Node.RelayCount24h, d.Node.RelayActive, want)
	}
	var list struct {
		Nodes []NodeJSON `json:"nodes"`
	}
	f.getJSON(t, "/api/nodes?limit=2000", &list)
	sized := 0
	for _, n := range list.Nodes {
		if n.HashSize != nil {
			sized++
			if *n.HashSize < 1 || *n.HashSize > 3 {
				t.Fatalf("node %s hash_size %d", n.PublicKey, *n.HashSize)
			}
		}
		if r := strings.ToLower(deref(n.Role)); r != "repeater" && r != "room" && n.RelayCount24h != nil {
			t.Fatalf("%s node %s has relay fields", r, n.PublicKey)
		}
	}
	if sized == 0 {
		t.Fatal("no node got a hash_size from its adverts")
	}
}
