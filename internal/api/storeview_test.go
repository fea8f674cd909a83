package api_test

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/store"
	"github.com/corescope/corescope/internal/testutil"
)

// fixtureStore serves a migrated fixture copy from the in-memory store, as the server does.
func fixtureStore(t *testing.T) (*api.StoreView, *testutil.TestServer) {
	t.Helper()
	ts := testutil.NewTestServer(t, nil)
	return ts.Store, ts
}

func TestStoreView_CountsMatchFixture(t *testing.T) {
	s, _ := fixtureStore(t)
	c := s.Counts()
	if c.Transmissions != 499 || c.Nodes != 200 || c.Observers != 31 || c.Observations == 0 || !c.LoadComplete {
		t.Errorf("got tx=%d nodes=%d observers=%d obs=%d, want 499/200/31/>0", c.Transmissions, c.Nodes, c.Observers, c.Observations)
	}
	nodes, err := s.Nodes()
	if err != nil || len(nodes) != 200 {
		t.Fatalf("Nodes: got %d, %v; want 200", len(nodes), err)
	}
	obs, err := s.Observers()
	if err != nil || len(obs) != 31 {
		t.Fatalf("Observers: got %d, %v; want 31", len(obs), err)
	}
	if iatas := s.ObserverIATAs(); len(iatas) == 0 || !sort.StringsAreSorted(iatas) {
		t.Errorf("ObserverIATAs: got %v, want a sorted non-empty list", iatas)
	}
}

func TestStoreView_Transmissions(t *testing.T) {
	s, _ := fixtureStore(t)
	page, total, err := s.Transmissions(api.TxFilter{}, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	if total != 499 || len(page) != 50 {
		t.Fatalf("got total %d, page %d; want 499, 50", total, len(page))
	}
	for i := 1; i < len(page); i++ {
		if page[i].ID >= page[i-1].ID {
			t.Fatalf("not id-descending at %d: %d then %d", i, page[i-1].ID, page[i].ID)
		}
	}
	withObs := 0
	for _, tx := range page {
		if len(tx.Observations) > 0 {
			withObs++
			if tx.Best < 0 || tx.Best >= len(tx.Observations) {
				t.Errorf("tx %d: best %d out of range", tx.ID, tx.Best)
			}
		}
	}
	if withObs == 0 {
		t.Error("no transmission on the first page has observations")
	}
	asc, _, err := s.Transmissions(api.TxFilter{Ascending: true}, 0, 2)
	if err != nil || len(asc) != 2 || asc[0].ID > asc[1].ID {
		t.Fatalf("ascending: got %+v, %v", asc, err)
	}

	t.Run("payload type", func(t *testing.T) {
		four := 4
		adverts, n, err := s.Transmissions(api.TxFilter{PayloadType: &four}, 0, 1000)
		if err != nil || n == 0 || len(adverts) != n {
			t.Fatalf("got %d of %d, %v", len(adverts), n, err)
		}
		for _, a := range adverts {
			if a.PayloadType == nil || *a.PayloadType != 4 {
				t.Fatalf("tx %d has payload type %v", a.ID, a.PayloadType)
			}
		}
	})
	t.Run("channel", func(t *testing.T) {
		rows, n, err := s.Transmissions(api.TxFilter{Channel: "#test"}, 0, 1000)
		if err != nil || n != 35 || len(rows) != 35 {
			t.Fatalf("got %d of %d, %v; want 35", len(rows), n, err)
		}
	})
	t.Run("by hash and id", func(t *testing.T) {
		want := page[3]
		got, ok, err := s.TransmissionByHash(strings.ToUpper(want.Hash))
		if err != nil || !ok || got.ID != want.ID {
			t.Fatalf("by hash: got %d, %v, %v; want %d", got.ID, ok, err, want.ID)
		}
		got, ok, err = s.TransmissionByID(want.ID)
		if err != nil || !ok || got.Hash != want.Hash {
			t.Fatalf("by id: got %q, %v, %v", got.Hash, ok, err)
		}
		if _, ok, err := s.TransmissionByHash("ffffffffffffffff"); ok || err != nil {
			t.Errorf("unknown hash: got ok=%v err=%v", ok, err)
		}
	})
	t.Run("observation by id", func(t *testing.T) {
		tx, o, ok, err := s.ObservationByID(2)
		if err != nil || !ok || o.ID != 2 || o.TxID != tx.ID || o.ObserverID == nil {
			t.Fatalf("got tx %d obs %+v ok=%v err=%v", tx.ID, o, ok, err)
		}
		if len(o.ResolvedPath) != 6 {
			t.Errorf("resolved path: got %d hops, want 6", len(o.ResolvedPath))
		}
		if _, _, ok, err := s.ObservationByID(1 << 40); ok || err != nil {
			t.Errorf("unknown observation: ok=%v err=%v", ok, err)
		}
	})
	t.Run("first seen after", func(t *testing.T) {
		ts, err := s.FirstSeenAfter("2000-01-01")
		if err != nil || len(ts) != 499 || !sort.StringsAreSorted(ts) {
			t.Fatalf("got %d sorted=%v, %v", len(ts), sort.StringsAreSorted(ts), err)
		}
		if ts, _ := s.FirstSeenAfter("9999"); ts == nil || len(ts) != 0 {
			t.Errorf("future since: got %v, want []", ts)
		}
	})
}

func TestStoreView_NeighborGraph(t *testing.T) {
	s, _ := fixtureStore(t)
	g, err := s.NeighborGraph()
	if err != nil || g == nil || len(g.Edges) == 0 {
		t.Fatalf("got %v, %v", g, err)
	}
	for _, e := range g.Edges {
		if e.A == "" || e.B == "" || e.Score <= 0 || e.Score > 1 {
			t.Fatalf("bad edge %+v", e)
		}
	}
}

// TestTestServer_BroadcastsNewObservation inserts an observation behind the server's back and
// expects it on a WebSocket client.
func TestTestServer_BroadcastsNewObservation(t *testing.T) {
	ts := testutil.NewTestServer(t, nil)
	c, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(ts.URL, "http")+"/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	deadline := time.Now().Add(5 * time.Second)
	for ts.Hub.Clients() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	var hash string
	if err := ts.WriterDB.QueryRow("SELECT hash FROM transmissions WHERE id = 7").Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.WriterDB.Exec(`INSERT INTO observations (transmission_id, observer_idx, snr, rssi, path_json, timestamp)
		VALUES (7, 1, 5.5, -90, '["AB"]', ?)`, time.Now().Unix()); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, b, err := c.ReadMessage()
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	var m struct {
		Type string `json:"type"`
		Data struct {
			ID      int64  `json:"id"`
			Hash    string `json:"hash"`
			Path    string `json:"path_json"`
			Decoded struct {
				Header struct {
					PayloadTypeName string `json:"payloadTypeName"`
				} `json:"header"`
			} `json:"decoded"`
			Packet struct {
				Hash string `json:"hash"`
			} `json:"packet"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Type != "packet" || m.Data.ID != 7 || m.Data.Hash != hash || m.Data.Packet.Hash != hash || m.Data.Path != `["AB"]` {
		t.Errorf("got %s", b)
	}
	if m.Data.Decoded.Header.PayloadTypeName == "" {
		t.Errorf("decoded.header.payloadTypeName missing in %s", b)
	}
}

func TestStoreView_SummariesAndScans(t *testing.T) {
	s, _ := fixtureStore(t)
	sums, err := s.Summaries(api.TxFilter{})
	if err != nil || len(sums) != 499 {
		t.Fatalf("Summaries: got %d, %v; want 499", len(sums), err)
	}
	page, _, _ := s.Transmissions(api.TxFilter{}, 0, 10)
	for i, tx := range page {
		sm := sums[i]
		if sm.ID != tx.ID || sm.Count != len(tx.Observations) || sm.HasBest != (tx.Best >= 0) {
			t.Fatalf("summary %d: got id %d count %d best %v; tx id %d obs %d best %d", i, sm.ID, sm.Count, sm.HasBest, tx.ID, len(tx.Observations), tx.Best)
		}
		if sm.HasBest && sm.Best.ID != tx.Observations[tx.Best].ID {
			t.Errorf("tx %d: best observation %d, want %d", tx.ID, sm.Best.ID, tx.Observations[tx.Best].ID)
		}
	}
	n := 0
	if err := s.ScanTransmissions(api.TxFilter{Channel: "#test"}, func(tx *api.TxRow) bool { n++; return true }); err != nil || n != 35 {
		t.Fatalf("ScanTransmissions(#test): got %d, %v; want 35", n, err)
	}
	obs, _ := s.Observers()
	total := 0
	for _, o := range obs {
		s.ScanObserver(o.ID, 0, func(p *store.ObsPoint) bool {
			if p.Observer != o.ID {
				t.Fatalf("observer %s scan returned %s", o.ID, p.Observer)
			}
			total++
			return true
		})
	}
	all := 0
	s.ScanObservations(0, func(p *store.ObsPoint) bool { all++; return true })
	if c := s.Counts(); int64(all) != c.Observations || total == 0 || total > all {
		t.Errorf("observations: scanned %d, per observer %d, counted %d", all, total, c.Observations)
	}
	if got, err := s.CountObservationsSince(time.Unix(0, 0)); err != nil || got != all {
		t.Errorf("CountObservationsSince(epoch) = %d (%v), want %d", got, err, all)
	}
}
