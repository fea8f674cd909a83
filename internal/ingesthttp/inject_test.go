package ingesthttp_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/ingesthttp"
	"github.com/corescope/corescope/internal/testutil"
)

func TestInject_LoopbackHTTP(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	const token = "inject-token-0123456789"
	in := openIngester(t, db, func(o *injectOpts) {
		o.InjectListen = "127.0.0.1:0"
		o.InjectToken = token
	})
	defer closeIngester(t, in)
	url := "http://" + in.InjectAddr() + "/api/inject"
	post := func(key, body string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest("POST", url, strings.NewReader(body))
		if key != "" {
			req.Header.Set("X-API-Key", key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	raw := fixtureVectors(t)[3].RawHex
	body, _ := json.Marshal(ingest.InjectRequest{Hex: raw, Observer: "MANUAL-TEST", SNR: ptr(4.5)})

	if code, _ := post("", string(body)); code != http.StatusUnauthorized {
		t.Errorf("no key: got %d, want 401", code)
	}
	if code, _ := post("wrong", string(body)); code != http.StatusUnauthorized {
		t.Errorf("wrong key: got %d, want 401", code)
	}
	if code, m := post(token, `{"hex":"zz"}`); code != http.StatusBadRequest || m["error"] == "" {
		t.Errorf("bad hex: got %d %v, want 400 with error", code, m)
	}
	if code, _ := post(token, `{`); code != http.StatusBadRequest {
		t.Errorf("bad JSON: got %d, want 400", code)
	}
	code, m := post(token, string(body))
	if code != http.StatusOK || m["new"] != true || m["id"].(float64) < 1 || m["observationId"].(float64) < 1 {
		t.Fatalf("inject: got %d %v", code, m)
	}
	var gotRaw string
	var snr float64
	if err := db.QueryRow(`SELECT t.raw_hex, o.snr FROM transmissions t JOIN observations o ON o.transmission_id = t.id
		JOIN observers ob ON ob.rowid = o.observer_idx WHERE t.id = ? AND ob.id = 'MANUAL-TEST'`, m["id"]).Scan(&gotRaw, &snr); err != nil {
		t.Fatalf("injected row: %v", err)
	}
	if gotRaw != strings.ToUpper(raw) || snr != 4.5 {
		t.Errorf("injected row: raw %q snr %v", gotRaw, snr)
	}
	code, m2 := post(token, string(body))
	if code != http.StatusOK || m2["new"] != false || m2["id"] != m["id"] || m2["observationId"] != m["observationId"] {
		t.Errorf("re-inject: got %d %v, want same ids and new=false", code, m2)
	}
	// Only loopback addresses are accepted.
	if bad, err := ingesthttp.StartInject(in.Ingester, ingesthttp.InjectOptions{Listen: "0.0.0.0:0", Token: token}); err == nil {
		bad.Close(t.Context())
		t.Error("non-loopback inject listen accepted")
	}
}

func ptr(f float64) *float64 { return &f }
