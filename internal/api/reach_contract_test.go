package api

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// reachSamples are the contract-test calls for node reach and client RX coverage on the
// default fixture, where clientRxCoverage is off (the documented 404).
func reachSamples(pk string) map[string][]sampleCall {
	p := map[string]string{"pubkey": pk}
	return map[string][]sampleCall{
		"GET /api/nodes/{pubkey}/reach": {{path: "/api/nodes/" + pk + "/reach?days=30", params: p},
			{path: "/api/nodes/" + pk + "/reach?days=x", params: p, status: 400},
			{path: "/api/nodes/" + strings.Repeat("0", 64) + "/reach", params: map[string]string{"pubkey": strings.Repeat("0", 64)}, status: 404}},
		"GET /api/nodes/{pubkey}/rx-coverage": {{path: "/api/nodes/" + pk + "/rx-coverage", params: p, status: 404}},
		"GET /api/rx-coverage":                {{path: "/api/rx-coverage", status: 404}},
		"GET /api/rx-leaderboard":             {{path: "/api/rx-leaderboard", status: 404}},
	}
}

// TestContract_RxCoverageOnValidates turns clientRxCoverage on, adds receptions of a
// fixture node and checks the 200 answers of the coverage routes against the OpenAPI
// document.
func TestContract_RxCoverageOnValidates(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.UI.ClientRxCoverage = true; o.Now = func() time.Time { return fixtureNow } })
	calls := samples(t, f)
	pk := strings.TrimPrefix(strings.TrimSuffix(calls["GET /api/nodes/{pubkey}/reach"][0].path, "/reach?days=30"), "/api/nodes/")
	db := writeFixture(t, f.dbPath)
	rx := strings.Repeat("c1", 32)
	at := fixtureNow.Add(-time.Hour).Format(time.RFC3339)
	for i, key := range []string{pk, pk[:4], pk[:6]} {
		exec(t, db, `INSERT INTO client_receptions (rx_pubkey, heard_key, heard_keylen, snr, rssi, lat, lon, rx_at, ingested_at, src)
			VALUES (?, ?, ?, ?, -90, ?, 13.4, ?, ?, 'advert')`, rx, key, len(key)/2, -3.5+float64(i), 52.5+float64(i)*0.01, at, at)
	}
	exec(t, db, `INSERT INTO client_observers (pubkey, name, last_seen) VALUES (?, 'Phone', ?)`, rx, at)
	doc, err := BuildSpec("test")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ route, path string }{
		{"/api/rx-coverage", "/api/rx-coverage?days=30&z=10"},
		{"/api/rx-leaderboard", "/api/rx-leaderboard?days=30"},
		{"/api/nodes/{pubkey}/rx-coverage", "/api/nodes/" + pk + "/rx-coverage?days=30"},
		{"/api/nodes/{pubkey}/reach", "/api/nodes/" + pk + "/reach?days=30"},
	} {
		code, hdr, body := f.do(t, http.MethodGet, c.path, "", nil)
		if code != 200 {
			t.Fatalf("%s: %d %.300s", c.path, code, body)
		}
		item := doc.Paths.Find(c.route)
		op := item.GetOperation(http.MethodGet)
		req, _ := http.NewRequest(http.MethodGet, f.srv.URL+c.path, nil)
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: map[string]string{"pubkey": pk},
				Route: &routers.Route{Spec: doc, Path: c.route, PathItem: item, Method: http.MethodGet, Operation: op}},
			Status: code, Header: hdr, Options: &openapi3filter.Options{IncludeResponseStatus: true},
		}
		in.SetBodyBytes(body)
		if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
			t.Errorf("%s does not match the OpenAPI document: %v\nbody: %.400s", c.path, err, body)
		}
		if want := map[string]string{"/api/rx-coverage": `"features":[{`, "/api/nodes/{pubkey}/rx-coverage": `"features":[{`,
			"/api/rx-leaderboard": `"pubkey":"` + rx}[c.route]; !strings.Contains(string(body), want) {
			t.Errorf("%s: want %s in %.300s", c.path, want, body)
		}
	}
}
