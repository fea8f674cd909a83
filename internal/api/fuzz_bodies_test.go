package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// bodyRoutes are the JSON request bodies the server accepts (every POST in routes()
// except the body-less admin reset); TestFuzzBodyRoutes_Complete keeps the list in step.
var bodyRoutes = []string{"/api/decode", "/api/packets", "/api/packets/observations", "/api/paths/inspect"}

// FuzzAPI_Bodies posts arbitrary bodies to every JSON-body route, with the API key so
// POST /api/packets reaches its decoder and the (fake) ingestor: the answer is never a
// 5xx and always JSON.
func FuzzAPI_Bodies(f *testing.F) {
	fx := newFixture(f)
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
		`{"hashes":[1,{},null]}`, `{"hex":"` + strings.Repeat("ab", 300) + `"}`, `{"hex":"1200"}{"hex":"1200"}`} {
		f.Add(uint8(0), s)
		f.Add(uint8(1), s)
		f.Add(uint8(2), s)
	}
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		path := bodyRoutes[int(which)%len(bodyRoutes)]
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-API-Key", testKey)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("POST %s %q: status %d: %s", path, body, rec.Code, rec.Body.String())
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("POST %s %q: status %d, answer not JSON: %q", path, body, rec.Code, rec.Body.String())
		}
	})
}

func TestFuzzBodyRoutes_Complete(t *testing.T) {
	want := map[string]bool{}
	for _, p := range bodyRoutes {
		want[p] = true
	}
	for _, rt := range routes() {
		if rt.Method == http.MethodPost && rt.Body != "" && !want[rt.Path] {
			t.Errorf("POST %s takes a %s body but FuzzAPI_Bodies does not fuzz it", rt.Path, rt.Body)
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
