package api

import (
	"bytes"
	"compress/gzip"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/schema"
	"github.com/gorilla/websocket"
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
	t.Run("DBStore", func(t *testing.T) { countsMatchDB(t, newFixture(t)) })
	t.Run("MemStore", func(t *testing.T) { countsMatchDB(t, newFixture(t, withMemStore(t))) })
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

func TestAcceptance_AnalyticsCounts(t *testing.T) {
	f := newFixture(t)
	var rf struct {
		TotalTransmissions int `json:"totalTransmissions"`
		TotalAllPackets    int `json:"totalAllPackets"`
		PayloadTypes       []struct {
			Count int `json:"count"`
		} `json:"payloadTypes"`
	}
	f.getJSON(t, "/api/analytics/rf", &rf)
	sum := 0
	for _, p := range rf.PayloadTypes {
		sum += p.Count
	}
	wantObs := dbCount(t, f.dbPath, "SELECT count(*) FROM observations")
	if rf.TotalTransmissions != 499 || sum != 499 || rf.TotalAllPackets != wantObs {
		t.Fatalf("rf: tx %d, by type %d, observations %d; want 499, 499, %d", rf.TotalTransmissions, sum, rf.TotalAllPackets, wantObs)
	}
	var ch struct {
		Channels []struct {
			Messages int `json:"messages"`
		} `json:"channels"`
	}
	f.getJSON(t, "/api/analytics/channels", &ch)
	sum = 0
	for _, c := range ch.Channels {
		sum += c.Messages
	}
	if want := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE payload_type=5"); sum != want {
		t.Fatalf("channels: %d messages, want %d", sum, want)
	}
	var topo struct {
		HopDistribution []struct {
			Count int `json:"count"`
		} `json:"hopDistribution"`
	}
	f.getJSON(t, "/api/analytics/topology", &topo)
	sum = 0
	for _, h := range topo.HopDistribution {
		sum += h.Count
	}
	if sum != wantObs {
		t.Fatalf("topology: hop distribution covers %d observations, want %d", sum, wantObs)
	}
}

func TestAcceptance_UnknownAPIPathsAreJSON(t *testing.T) {
	f := newFixture(t)
	code, hdr, body := f.do(t, http.MethodGet, "/api/nope", "", nil)
	if code != 404 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") || !strings.Contains(string(body), `"error"`) {
		t.Fatalf("unknown path: %d %s %s", code, hdr.Get("Content-Type"), body)
	}
	code, hdr, body = f.do(t, http.MethodDelete, "/api/packets", "", nil)
	if code != 405 || !strings.Contains(hdr.Get("Allow"), "GET") || !strings.Contains(hdr.Get("Allow"), "POST") || !strings.Contains(string(body), `"error"`) {
		t.Fatalf("wrong method: %d allow=%q %s", code, hdr.Get("Allow"), body)
	}
	code, _, body = f.do(t, http.MethodGet, "/packets/some/route", "", nil)
	if code != 200 || !strings.Contains(string(body), "spa") {
		t.Fatalf("SPA fallback: %d %s", code, body)
	}
}

func TestAcceptance_WriteAuth(t *testing.T) {
	t.Run("no key configured", func(t *testing.T) {
		f := newFixture(t, func(o *Options) { o.APIKey = "" })
		code, _, body := f.do(t, http.MethodPost, "/api/perf/reset", "", map[string]string{"X-API-Key": "anything"})
		if code != 403 || !strings.Contains(string(body), "set apiKey") {
			t.Fatalf("got %d %s, want 403 with a clear message", code, body)
		}
	})
	t.Run("weak key configured", func(t *testing.T) {
		f := newFixture(t, func(o *Options) { o.APIKey = "change-me" })
		if code, _, _ := f.do(t, http.MethodPost, "/api/perf/reset", "", map[string]string{"X-API-Key": "change-me"}); code != 403 {
			t.Fatalf("got %d, want 403", code)
		}
	})
	f := newFixture(t)
	if code, _, _ := f.do(t, http.MethodPost, "/api/perf/reset", "", map[string]string{"X-API-Key": "wrong"}); code != 401 {
		t.Fatalf("wrong key: got %d, want 401", code)
	}
	hex := ""
	var p struct {
		Packets []TxJSON `json:"packets"`
	}
	f.getJSON(t, "/api/packets?limit=1", &p)
	hex = deref(p.Packets[0].RawHex)
	code, _, body := f.do(t, http.MethodPost, "/api/packets", `{"hex":"`+hex+`","observer":"OBS1","snr":5}`, map[string]string{"X-API-Key": testKey})
	if code != 200 {
		t.Fatalf("inject: %d %s", code, body)
	}
	select {
	case req := <-f.injects:
		if req.Hex != hex || req.Observer != "OBS1" || req.SNR == nil || *req.SNR != 5 {
			t.Fatalf("forwarded %+v", req)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("inject not forwarded to the ingestor")
	}
	var ir InjectResponse
	json.Unmarshal(body, &ir)
	if ir.ID != 500 || len(ir.Decoded) == 0 {
		t.Fatalf("inject response %s", body)
	}
	if code, _, _ := f.do(t, http.MethodPost, "/api/packets", `{"hex":"zz"}`, map[string]string{"X-API-Key": testKey}); code != 400 {
		t.Fatalf("bad hex: got %d, want 400", code)
	}
	big := `{"hex":"` + strings.Repeat("A", 2<<20) + `"}`
	if code, _, _ := f.do(t, http.MethodPost, "/api/decode", big, nil); code != 413 {
		t.Fatalf("oversized body: got %d, want 413", code)
	}
}

type fakeReady struct{ first, done bool }

func (r fakeReady) LoadProgress() (int64, bool, bool) { return 42, r.first, r.done }

func TestAcceptance_ReadinessGate(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.Ready = fakeReady{} })
	code, hdr, body := f.do(t, http.MethodGet, "/api/packets", "", nil)
	if code != 503 || !strings.Contains(string(body), `"ready":false`) || hdr.Get("X-CoreScope-Load-Status") != "loading; progress=42" {
		t.Fatalf("before first chunk: %d %q %s", code, hdr.Get("X-CoreScope-Load-Status"), body)
	}
	if code, _, _ := f.do(t, http.MethodGet, "/api/config/client", "", nil); code != 200 {
		t.Fatalf("config is not gated: got %d", code)
	}
	if code, _, _ := f.do(t, http.MethodGet, "/api/healthz", "", nil); code != 503 {
		t.Fatalf("healthz before load: got %d, want 503", code)
	}
	f2 := newFixture(t, func(o *Options) { o.Ready = fakeReady{first: true} })
	if code, hdr, _ := f2.do(t, http.MethodGet, "/api/packets", "", nil); code != 200 || !strings.HasPrefix(hdr.Get("X-CoreScope-Load-Status"), "loading") {
		t.Fatalf("after first chunk: %d %q", code, hdr.Get("X-CoreScope-Load-Status"))
	}
	f3 := newFixture(t)
	if _, hdr, _ := f3.do(t, http.MethodGet, "/", "", nil); hdr.Get("X-CoreScope-Load-Status") != "ready" {
		t.Fatalf("loaded: status header %q", hdr.Get("X-CoreScope-Load-Status"))
	}
}

func TestAcceptance_CORS(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.CORSOrigins = []string{"https://ok.example"} })
	_, hdr, _ := f.do(t, http.MethodGet, "/api/stats", "", map[string]string{"Origin": "https://ok.example"})
	if hdr.Get("Access-Control-Allow-Origin") != "https://ok.example" || strings.Contains(hdr.Get("Access-Control-Allow-Methods"), "POST") {
		t.Fatalf("allowed origin headers: %v", hdr)
	}
	_, hdr, _ = f.do(t, http.MethodGet, "/api/stats", "", map[string]string{"Origin": "https://evil.example"})
	if hdr.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("disallowed origin got %q", hdr.Get("Access-Control-Allow-Origin"))
	}
	if code, _, _ := f.do(t, http.MethodOptions, "/api/stats", "", map[string]string{"Origin": "https://evil.example"}); code != 403 {
		t.Fatalf("preflight from disallowed origin: %d, want 403", code)
	}
	if code, _, _ := f.do(t, http.MethodOptions, "/api/stats", "", map[string]string{"Origin": "https://ok.example"}); code != 204 {
		t.Fatalf("preflight from allowed origin: %d, want 204", code)
	}
}

func TestAcceptance_Gzip(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.Gzip = true })
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/api/packets?limit=100", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	tr := &http.Transport{DisableCompression: true}
	res, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q, want gzip", res.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	var p PacketList
	if err := json.Unmarshal(b, &p); err != nil || p.Limit != 100 {
		t.Fatalf("decompressed body: %v %.100s", err, b)
	}
}

func TestAcceptance_CachesAndPerf(t *testing.T) {
	f := newFixture(t)
	code, hdr, first := f.do(t, http.MethodGet, "/api/observers", "", nil)
	if code != 200 || hdr.Get("X-Cache-Age-Seconds") == "" {
		t.Fatalf("observers: %d, X-Cache-Age-Seconds %q", code, hdr.Get("X-Cache-Age-Seconds"))
	}
	_, _, second := f.do(t, http.MethodGet, "/api/observers", "", nil)
	if !bytes.Equal(first, second) {
		t.Fatal("cached observers body changed within the TTL")
	}
	if _, hdr, _ := f.do(t, http.MethodGet, "/api/observers?x=1", "", nil); hdr.Get("X-Cache-Age-Seconds") != "" {
		t.Fatal("query-string request served from the cache")
	}
	var perf struct {
		TotalRequests int                     `json:"totalRequests"`
		Endpoints     map[string]EndpointPerf `json:"endpoints"`
	}
	f.getJSON(t, "/api/perf", &perf)
	if perf.Endpoints["/api/observers"].Count != 3 || perf.TotalRequests < 3 {
		t.Fatalf("perf endpoints %+v total %d", perf.Endpoints, perf.TotalRequests)
	}
	var ws struct {
		Sources  map[string]int64 `json:"sources"`
		SampleAt string           `json:"sampleAt"`
	}
	f.getJSON(t, "/api/perf/write-sources", &ws)
	if ws.Sources["tx_inserted"] != 499 || ws.Sources["backfill_from_pubkey"] != 3 || ws.SampleAt == "" {
		t.Fatalf("write-sources %+v", ws)
	}
	var io struct {
		Ingestor *struct {
			WriteBytesPerSec float64 `json:"writeBytesPerSec"`
		} `json:"ingestor"`
	}
	f.getJSON(t, "/api/perf/io", &io)
	if io.Ingestor == nil || io.Ingestor.WriteBytesPerSec != 20 {
		t.Fatalf("perf/io ingestor block %+v", io.Ingestor)
	}
	var sq struct {
		PageSize  int     `json:"pageSize"`
		PageCount int     `json:"pageCount"`
		HitRate   float64 `json:"cacheHitRate"`
		Hits      int64   `json:"cacheHits"`
	}
	f.getJSON(t, "/api/perf/sqlite", &sq)
	// cacheHits comes from sqlite3_db_status(CACHE_HIT) of a pooled connection.
	if sq.PageSize <= 0 || sq.PageCount <= 0 || sq.Hits <= 0 || sq.HitRate <= 0 || sq.HitRate > 1 {
		t.Fatalf("perf/sqlite %+v", sq)
	}
	var mq struct {
		Sources []struct {
			Broker    string `json:"broker"`
			LastError string `json:"lastError"`
		} `json:"sources"`
	}
	f.getJSON(t, "/api/mqtt/status", &mq)
	if len(mq.Sources) != 1 || strings.Contains(mq.Sources[0].Broker+mq.Sources[0].LastError, "secret") {
		t.Fatalf("mqtt status leaks the password: %+v", mq.Sources)
	}
	if code, _, _ := f.do(t, http.MethodPost, "/api/perf/reset", "", map[string]string{"X-API-Key": testKey}); code != 200 {
		t.Fatalf("reset: %d", code)
	}
	perf.Endpoints = nil // Unmarshal merges into a non-nil map
	f.getJSON(t, "/api/perf", &perf)
	if perf.Endpoints["/api/observers"].Count != 0 {
		t.Fatalf("reset did not clear counters: %+v", perf.Endpoints["/api/observers"])
	}
}

func TestAcceptance_WebSocketRoutes(t *testing.T) {
	f := newFixture(t)
	for _, p := range []string{"/ws", "/"} {
		c, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(f.srv.URL, "http")+p, nil)
		if err != nil {
			t.Fatalf("dial %s: %v", p, err)
		}
		c.Close()
	}
	hdr := http.Header{"Origin": {"https://evil.example"}}
	if _, res, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(f.srv.URL, "http")+"/ws", hdr); err == nil || res.StatusCode != 403 {
		t.Fatalf("cross-origin upgrade: err=%v", err)
	}
}

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

func TestAcceptance_NeighborGraphSnapshot(t *testing.T) {
	f := newFixture(t)
	for _, q := range []string{"", "?min_count=1&min_score=0"} {
		code, hdr, first := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph"+q, "", nil)
		if code != 200 || hdr.Get("X-Cache-Age-Seconds") == "" {
			t.Fatalf("%q: %d, X-Cache-Age-Seconds %q", q, code, hdr.Get("X-Cache-Age-Seconds"))
		}
		_, _, second := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph"+q, "", nil)
		if !bytes.Equal(first, second) {
			t.Fatalf("%q: body changed between two reads of one snapshot", q)
		}
	}
	if _, hdr, _ := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph?min_count=2", "", nil); hdr.Get("X-Cache-Age-Seconds") != "" {
		t.Fatal("non-default shape served from the snapshot cache")
	}
	var perf struct {
		Cache struct {
			Hits int `json:"hits"`
		} `json:"cache"`
	}
	f.getJSON(t, "/api/perf", &perf)
	if perf.Cache.Hits < 2 {
		t.Fatalf("cache hits %d, want the repeated graph reads counted", perf.Cache.Hits)
	}
}

func TestAcceptance_WebSocketThroughGzip(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.Gzip = true })
	hdr := http.Header{"Accept-Encoding": {"gzip"}}
	c, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(f.srv.URL, "http")+"/", hdr)
	if err != nil {
		t.Fatalf("upgrade through gzip middleware: %v", err)
	}
	c.Close()
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
	err = db.QueryRow(`SELECT lower(j.value), count(DISTINCT o.transmission_id) c FROM observations o, json_each(o.resolved_path) j
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

func TestAcceptance_NodeAnalyticsAgreesWithHealth(t *testing.T) {
	now := time.Date(2026, 5, 17, 18, 30, 0, 0, time.UTC)
	f := newFixture(t, func(o *Options) { o.Now = func() time.Time { return now } })
	var list struct {
		Nodes []NodeJSON `json:"nodes"`
	}
	f.getJSON(t, "/api/nodes?limit=1&sortBy=packetCount", &list)
	pk := list.Nodes[0].PublicKey
	var h struct {
		Stats NodeStats `json:"stats"`
	}
	f.getJSON(t, "/api/nodes/"+pk+"/health", &h)
	var a struct {
		ActivityTimeline []struct {
			Count int `json:"count"`
		} `json:"activityTimeline"`
		ComputedStats struct {
			TotalPackets int `json:"totalPackets"`
		} `json:"computedStats"`
	}
	f.getJSON(t, "/api/nodes/"+pk+"/analytics?days=30", &a)
	sum := 0
	for _, b := range a.ActivityTimeline {
		sum += b.Count
	}
	if a.ComputedStats.TotalPackets != h.Stats.TotalTransmissions || sum != h.Stats.TotalTransmissions || sum == 0 {
		t.Fatalf("analytics total %d, timeline %d; health %d", a.ComputedStats.TotalPackets, sum, h.Stats.TotalTransmissions)
	}
}

func TestAcceptance_HashSizesConsistent(t *testing.T) {
	f := newFixture(t)
	var hs struct {
		Total        int            `json:"total"`
		Distribution map[string]int `json:"distribution"`
		Hourly       []map[string]any
		TopHops      []struct {
			Hex  string `json:"hex"`
			Size int    `json:"size"`
		} `json:"topHops"`
	}
	f.getJSON(t, "/api/analytics/hash-sizes", &hs)
	sum := 0
	for _, v := range hs.Distribution {
		sum += v
	}
	hourly := 0
	for _, h := range hs.Hourly {
		for _, k := range []string{"1", "2", "3"} {
			hourly += int(h[k].(float64))
		}
	}
	if hs.Total == 0 || sum != hs.Total || hourly != hs.Total || hs.Total > 499 {
		t.Fatalf("total %d, distribution sum %d, hourly sum %d", hs.Total, sum, hourly)
	}
	for _, h := range hs.TopHops {
		if len(h.Hex) != 2*h.Size {
			t.Fatalf("hop %q size %d", h.Hex, h.Size)
		}
	}
}

func TestAcceptance_Subpaths(t *testing.T) {
	f := newFixture(t)
	var sp struct {
		Subpaths []Subpath `json:"subpaths"`
		Total    int       `json:"totalPaths"`
	}
	f.getJSON(t, "/api/analytics/subpaths?minLen=2&maxLen=3&limit=500", &sp)
	if sp.Total == 0 || len(sp.Subpaths) == 0 || len(sp.Subpaths) > 200 {
		t.Fatalf("total %d, %d subpaths (limit clamps to 200)", sp.Total, len(sp.Subpaths))
	}
	for i, s := range sp.Subpaths {
		if s.Hops < 2 || s.Hops > 3 || s.Count > sp.Total || i > 0 && s.Count > sp.Subpaths[i-1].Count {
			t.Fatalf("subpath %d: %+v (total %d)", i, s, sp.Total)
		}
	}
}

func TestAcceptance_Distance(t *testing.T) {
	f := newFixture(t)
	var d struct {
		Summary struct {
			TotalHops int     `json:"totalHops"`
			MaxDist   float64 `json:"maxDist"`
		} `json:"summary"`
		TopHops []struct {
			Dist float64 `json:"dist"`
			Type string  `json:"type"`
		} `json:"topHops"`
		CatStats map[string]struct {
			Count int `json:"count"`
		} `json:"catStats"`
	}
	f.getJSON(t, "/api/analytics/distance", &d)
	if d.Summary.TotalHops == 0 || len(d.TopHops) == 0 || d.TopHops[0].Dist != d.Summary.MaxDist {
		t.Fatalf("summary %+v, first top hop %+v", d.Summary, d.TopHops)
	}
	n := 0
	for _, c := range d.CatStats {
		n += c.Count
	}
	if n != d.Summary.TotalHops {
		t.Fatalf("category counts %d, want %d", n, d.Summary.TotalHops)
	}
	if km := haversineKm(37.7749, -122.4194, 34.0522, -118.2437); km < 550 || km > 570 {
		t.Fatalf("SF–LA %.1f km, want ~559", km)
	}
}

func TestAcceptance_RelayAirtimeShare(t *testing.T) {
	f := newFixture(t)
	var a struct {
		Rows []struct {
			Count      int64   `json:"count"`
			Score      int64   `json:"score"`
			AirtimePct float64 `json:"airtime_pct"`
		} `json:"rows"`
		TotalCount int64 `json:"total_count"`
		TotalScore int64 `json:"total_score"`
		Preset     struct {
			SF int `json:"sf"`
		} `json:"preset"`
	}
	f.getJSON(t, "/api/analytics/relay-airtime-share", &a)
	var c, sc int64
	pct := 0.0
	for _, r := range a.Rows {
		c, sc, pct = c+r.Count, sc+r.Score, pct+r.AirtimePct
	}
	if a.TotalCount == 0 || c != a.TotalCount || sc != a.TotalScore || pct < 99.9 || pct > 100.1 || a.Preset.SF != 8 {
		t.Fatalf("rows sum %d/%d (%.2f%%), totals %d/%d, sf %d", c, sc, pct, a.TotalCount, a.TotalScore, a.Preset.SF)
	}
}

func TestAcceptance_SubpathsBulkAndDetail(t *testing.T) {
	f := newFixture(t)
	var single struct {
		Subpaths []Subpath `json:"subpaths"`
		Total    int       `json:"totalPaths"`
	}
	f.getJSON(t, "/api/analytics/subpaths?minLen=2&maxLen=2&limit=5", &single)
	var bulk struct {
		Results []struct {
			Subpaths []Subpath `json:"subpaths"`
			Total    int       `json:"totalPaths"`
		} `json:"results"`
	}
	f.getJSON(t, "/api/analytics/subpaths-bulk?groups=2-2:5,3-3:5", &bulk)
	if len(bulk.Results) != 2 || len(bulk.Results[0].Subpaths) != len(single.Subpaths) || bulk.Results[0].Total != single.Total {
		t.Fatalf("bulk %+v vs single %+v", bulk.Results, single)
	}
	for i := range single.Subpaths {
		if bulk.Results[0].Subpaths[i].Path != single.Subpaths[i].Path || bulk.Results[0].Subpaths[i].Count != single.Subpaths[i].Count {
			t.Fatalf("group 0 row %d differs", i)
		}
	}
	top := single.Subpaths[0]
	var d struct {
		TotalMatches int   `json:"totalMatches"`
		Hours        []int `json:"hourDistribution"`
	}
	f.getJSON(t, "/api/analytics/subpath-detail?hops="+strings.Join(top.RawHops, ","), &d)
	sum := 0
	for _, h := range d.Hours {
		sum += h
	}
	if d.TotalMatches != top.Count || sum != top.Count || len(d.Hours) != 24 {
		t.Fatalf("detail matches %d, hours %d, want %d", d.TotalMatches, sum, top.Count)
	}
	var e struct {
		Error string `json:"error"`
	}
	f.getJSON(t, "/api/analytics/subpaths-bulk?groups=1-2:5", &e)
	if !strings.HasPrefix(e.Error, "invalid group") {
		t.Fatalf("bad group: %q", e.Error)
	}
	f.getJSON(t, "/api/analytics/subpath-detail?hops=ab", &e)
	if e.Error != "Need at least 2 hops" {
		t.Fatalf("one hop: %q", e.Error)
	}
}

func TestAcceptance_HashCollisions(t *testing.T) {
	f := newFixture(t)
	var hc struct {
		BySize map[string]struct {
			Stats struct {
				NodesForByte   int `json:"nodes_for_byte"`
				UniquePrefixes int `json:"unique_prefixes"`
				CollisionCount int `json:"collision_count"`
			} `json:"stats"`
			Collisions []struct {
				Prefix string  `json:"prefix"`
				Nodes  []CNode `json:"nodes"`
			} `json:"collisions"`
		} `json:"by_size"`
	}
	f.getJSON(t, "/api/analytics/hash-collisions", &hc)
	want := dbCount(t, f.dbPath, "SELECT count(*) FROM (SELECT upper(substr(public_key,1,2)) p FROM nodes WHERE role='repeater' GROUP BY p HAVING count(*) > 1)")
	one := hc.BySize["1"]
	if one.Stats.CollisionCount != want || len(one.Collisions) != want {
		t.Fatalf("1-byte collisions %d (%d rows), want %d", one.Stats.CollisionCount, len(one.Collisions), want)
	}
	for _, c := range one.Collisions {
		for _, n := range c.Nodes {
			if !strings.EqualFold(n.PublicKey[:2], c.Prefix) {
				t.Fatalf("node %s listed under prefix %s", n.PublicKey, c.Prefix)
			}
		}
	}
}
