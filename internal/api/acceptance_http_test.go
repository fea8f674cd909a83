package api

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

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
	if _, hdr, _ := f3.do(t, http.MethodGet, "/", "", nil); hdr.Get("X-CoreScope-Load-Status") != "ready; progress=100" {
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
	f.operatorJSON(t, "/api/perf", &perf)
	if perf.Endpoints["/api/observers"].Count != 3 || perf.TotalRequests < 3 {
		t.Fatalf("perf endpoints %+v total %d", perf.Endpoints, perf.TotalRequests)
	}
	var ws struct {
		Sources  map[string]int64 `json:"sources"`
		SampleAt string           `json:"sampleAt"`
	}
	f.operatorJSON(t, "/api/perf/write-sources", &ws)
	if ws.Sources["tx_inserted"] != 499 || ws.Sources["backfill_from_pubkey"] != 3 || ws.SampleAt == "" {
		t.Fatalf("write-sources %+v", ws)
	}
	var io struct {
		Ingestor *struct {
			WriteBytesPerSec float64 `json:"writeBytesPerSec"`
		} `json:"ingestor"`
	}
	f.operatorJSON(t, "/api/perf/io", &io)
	if io.Ingestor == nil || io.Ingestor.WriteBytesPerSec != 20 {
		t.Fatalf("perf/io ingestor block %+v", io.Ingestor)
	}
	var sq struct {
		PageSize  int     `json:"pageSize"`
		PageCount int     `json:"pageCount"`
		HitRate   float64 `json:"cacheHitRate"`
		Hits      int64   `json:"cacheHits"`
	}
	f.operatorJSON(t, "/api/perf/sqlite", &sq)
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
	f.operatorJSON(t, "/api/mqtt/status", &mq)
	if len(mq.Sources) != 1 || strings.Contains(mq.Sources[0].Broker+mq.Sources[0].LastError, "secret") {
		t.Fatalf("mqtt status leaks the password: %+v", mq.Sources)
	}
	if code, _, _ := f.do(t, http.MethodPost, "/api/perf/reset", "", map[string]string{"X-API-Key": testKey}); code != 200 {
		t.Fatalf("reset: %d", code)
	}
	perf.Endpoints = nil // Unmarshal merges into a non-nil map
	f.operatorJSON(t, "/api/perf", &perf)
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

func TestAcceptance_WebSocketThroughGzip(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.Gzip = true })
	hdr := http.Header{"Accept-Encoding": {"gzip"}}
	c, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(f.srv.URL, "http")+"/", hdr)
	if err != nil {
		t.Fatalf("upgrade through gzip middleware: %v", err)
	}
	c.Close()
}
