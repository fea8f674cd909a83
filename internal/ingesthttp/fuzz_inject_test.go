package ingesthttp_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/testutil"
)

// FuzzInject_Body posts arbitrary bodies to the ingestor's loopback POST /api/inject
// (the target of the server's POST /api/packets) over a real SQLite file: the answer is
// always 200, 400 or 503 with a JSON body, never a 5xx from a panic or a bad write, and
// every 200 names a stored transmission.
func FuzzInject_Body(f *testing.F) {
	db, _ := testutil.OpenTestDB(f)
	const token = "fuzz-inject-token-0123456789"
	in := openIngester(f, db, func(o *injectOpts) {
		o.InjectListen = "127.0.0.1:0"
		o.InjectToken = token
	})
	f.Cleanup(func() { closeIngester(f, in) })
	url := "http://" + in.InjectAddr() + "/api/inject"
	for i, v := range fixtureVectors(f) {
		if i%40 == 0 {
			f.Add(`{"hex":"` + v.RawHex + `","observer":"FUZZ","snr":4.5,"rssi":-90,"region":"sfo"}`)
		}
	}
	for _, s := range []string{``, `{`, `[]`, `null`, `{"hex":"zz"}`, `{"hex":""}`, `{"hex":" 11 42 "}`,
		`{"hex":"1200","snr":1e308,"rssi":-1e308}`, `{"hex":"3D01AADEADBEEF","observer":"` + strings.Repeat("x", 300) + `"}`,
		`{"hex":123}`, `{"hex":"00","region":"\u0000\u202e"}`} {
		f.Add(s)
	}
	client := &http.Client{}
	f.Fuzz(func(t *testing.T, body string) {
		req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
		req.Header.Set("X-API-Key", token)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("post: %v", err)
		}
		defer resp.Body.Close()
		var m map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
			t.Fatalf("status %d: answer is not JSON: %v", resp.StatusCode, err)
		}
		switch resp.StatusCode {
		case http.StatusOK:
			var n int
			if err := db.QueryRow(`SELECT COUNT(*) FROM transmissions WHERE id = ?`, m["id"]).Scan(&n); err != nil || n != 1 {
				t.Fatalf("200 %v but transmission not stored (%d, %v)", m, n, err)
			}
		case http.StatusBadRequest, http.StatusServiceUnavailable:
			if s, _ := m["error"].(string); s == "" {
				t.Fatalf("status %d without an error message: %v", resp.StatusCode, m)
			}
		default:
			t.Fatalf("body %q: status %d %v", body, resp.StatusCode, m)
		}
	})
}
