package api

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// bodyRoute is one route taking a JSON body; query is appended so the body is read (the
// prune route reads its body only when confirming).
type bodyRoute struct{ method, path, query string }

// bodyRoutes are the JSON request bodies the server accepts (every POST and PUT with a body
// in routes()); TestFuzzBodyRoutes_Complete keeps the list in step.
var bodyRoutes = []bodyRoute{{"POST", "/api/decode", ""}, {"POST", "/api/packets", ""}, {"POST", "/api/packets/observations", ""},
	{"POST", "/api/paths/inspect", ""}, {"POST", "/api/admin/prune-geo-filter", "?confirm=true"}, {"PUT", "/api/config/geo-filter", ""},
	{"POST", "/api/alerts/ack", ""}, {"POST", "/api/alerts/mute", ""}}

// FuzzAPI_Bodies posts arbitrary bodies to every JSON-body route, with the API key so
// POST /api/packets reaches its decoder and the (fake) ingestor: the answer is never a
// 5xx and always JSON.
func FuzzAPI_Bodies(f *testing.F) {
	// A geo filter, so the prune route gets past "no geo_filter configured" to its body.
	fx := newFixture(f, func(o *Options) {
		o.UI.GeoFilter = &GeoFilter{Polygon: [][2]float64{{37.2, -122.4}, {37.6, -122.4}, {37.6, -121.8}}}
	})
	go func() { // the fake ingestor hands each accepted inject to this channel
		for range fx.injects {
		}
	}()
	h := fx.api.Handler()
	for i, v := range bodyVectors(f) {
		if i%25 == 0 {
			f.Add(uint8(i), `{"hex":"`+v.RawHex+`","observer":"FUZZ","snr":1.5}`)
			f.Add(uint8(2), `{"hashes":["`+v.Hash+`","`+strings.ToUpper(v.Hash)+`"]}`)
		}
	}
	for _, s := range []string{``, `{`, `[]`, `null`, `{"hex":"zz"}`, `{"hex":null}`, `{"hashes":null}`,
		`{"hashes":[1,{},null]}`, `{"hex":"` + strings.Repeat("ab", 300) + `"}`, `{"hex":"1200"}{"hex":"1200"}`,
		`{"pubkeys":["00ff",1,null]}`, `{"pubkeys":"x"}`, `{"polygon":[[1,1],[2,2],[3,1]],"bufferKm":1e308}`, `{"polygon":[[1e999,0]]}`} {
		for i := range bodyRoutes {
			f.Add(uint8(i), s)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		rt := bodyRoutes[int(which)%len(bodyRoutes)]
		path := rt.path + rt.query
		req := httptest.NewRequest(rt.method, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-API-Key", testKey)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s %q: status %d: %s", rt.method, path, body, rec.Code, rec.Body.String())
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s %q: status %d, answer not JSON: %q", rt.method, path, body, rec.Code, rec.Body.String())
		}
	})
}

func TestFuzzBodyRoutes_Complete(t *testing.T) {
	want := map[string]bool{}
	for _, b := range bodyRoutes {
		want[b.method+" "+b.path] = true
	}
	for _, rt := range routes() {
		if rt.Body != "" && !want[rt.Method+" "+rt.Path] {
			t.Errorf("%s %s takes a %s body but FuzzAPI_Bodies does not fuzz it", rt.Method, rt.Path, rt.Body)
		}
	}
}

// sharedVector is the part of a shared/testdata/vectors.json entry the api tests use.
type sharedVector struct {
	RawHex          string          `json:"raw_hex"`
	Hash            string          `json:"hash"`
	ReferenceDecode json.RawMessage `json:"reference_decode"`
}

// bodyVectors reads the shared vectors in place (internal/testutil imports this
// package, so its loader cannot be used here).
func bodyVectors(t testing.TB) []sharedVector {
	var vs []sharedVector
	b, err := os.ReadFile("../../../shared/testdata/vectors.json")
	if err == nil {
		err = json.Unmarshal(b, &vs)
	}
	if err != nil && (os.Getenv("CI") == "true" || !os.IsNotExist(err)) {
		t.Fatalf("shared vectors: %v", err)
	}
	return vs
}
