package api

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	corescopev1 "github.com/corescope/corescope/proto/corescope/v1"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

var update = flag.Bool("update", false, "rewrite testdata/openapi.golden.json")

func routeKeys() map[string]bool {
	out := map[string]bool{}
	for _, rt := range routes() {
		out[rt.Method+" "+rt.Path] = true
	}
	return out
}

// TestContract_RoutesDocumented fails when a registered route is missing from the
// OpenAPI document or the proto service, or when either documents an unregistered route.
func TestContract_RoutesDocumented(t *testing.T) {
	doc, err := BuildSpec("test")
	if err != nil {
		t.Fatal(err)
	}
	registered := routeKeys()
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	inProto := map[string]bool{}
	for _, r := range corescopev1.Routes() {
		inProto[r.Method+" "+r.Path] = true
	}
	for k := range registered {
		if !documented[k] {
			t.Errorf("route %s registered but not in the OpenAPI document", k)
		}
		if !inProto[k] {
			t.Errorf("route %s registered but not in proto service CoreScopeAPI", k)
		}
	}
	for k := range documented {
		if !registered[k] && k != "GET /ws" { // the WebSocket upgrade (openapi_ws.go) is served outside the route table
			t.Errorf("OpenAPI documents %s, which is not registered", k)
		}
	}
	for k := range inProto {
		if !registered[k] {
			t.Errorf("proto declares %s, which is not registered", k)
		}
	}
}

func TestContract_AuthMatchesProto(t *testing.T) {
	auth := map[string]bool{}
	for _, r := range corescopev1.Routes() {
		auth[r.Method+" "+r.Path] = r.Auth
	}
	for _, rt := range routes() {
		if k := rt.Method + " " + rt.Path; auth[k] != rt.Auth {
			t.Errorf("%s: auth %v in routes.go, %v in proto", k, rt.Auth, auth[k])
		}
	}
}

// TestContract_GoldenSpec compares /api/spec's document with testdata/openapi.golden.json
// (refresh with go test ./internal/api -run GoldenSpec -update).
func TestContract_GoldenSpec(t *testing.T) {
	got, err := SpecJSON("golden")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "openapi.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("OpenAPI document differs from %s; run go test ./internal/api -run GoldenSpec -update and review the diff", golden)
	}
}

// sampleCall is how the contract test calls one route on the fixture.
type sampleCall struct {
	path   string // concrete path
	params map[string]string
	body   string
	hdr    map[string]string
	status int
}

func samples(t *testing.T, f *fixture) map[string][]sampleCall {
	var tx struct {
		Packets []TxJSON `json:"packets"`
	}
	f.getJSON(t, "/api/packets?limit=1&type=4", &tx)
	if len(tx.Packets) == 0 {
		t.Fatal("fixture has no advert")
	}
	p := tx.Packets[0]
	pk := ""
	if p.DecodedJSON != nil {
		var d struct {
			PubKey string `json:"pubKey"`
		}
		json.Unmarshal([]byte(*p.DecodedJSON), &d)
		pk = strings.ToLower(d.PubKey)
	}
	var obs struct {
		Observers []ObserverJSON `json:"observers"`
	}
	f.getJSON(t, "/api/observers", &obs)
	if pk == "" || len(obs.Observers) == 0 {
		t.Fatalf("fixture lacks a node or observer (pk %q, %d observers)", pk, len(obs.Observers))
	}
	oid := obs.Observers[0].ID
	key := map[string]string{"X-API-Key": testKey}
	id := func(v int64) string { return strings.TrimSpace(string(must(json.Marshal(v)))) }
	calls := map[string][]sampleCall{
		"GET /api/packets": {{path: "/api/packets"}, {path: "/api/packets?groupByHash=true&limit=5"}, {path: "/api/packets?expand=observations&limit=3&order=asc"},
			{path: "/api/packets?region=OAK&type=5"}, {path: "/api/packets?nodes=" + pk}},
		"GET /api/packets/timestamps":       {{path: "/api/packets/timestamps?since=2026-05-17T18:00:00Z"}, {path: "/api/packets/timestamps", status: 400}},
		"GET /api/packets/{id}":             {{path: "/api/packets/" + id(p.ID), params: map[string]string{"id": id(p.ID)}}, {path: "/api/packets/" + p.Hash, params: map[string]string{"id": p.Hash}}, {path: "/api/packets/999999999", params: map[string]string{"id": "999999999"}, status: 404}},
		"POST /api/packets/observations":    {{path: "/api/packets/observations", body: `{"hashes":["` + p.Hash + `","ffffffffffffffff"]}`}, {path: "/api/packets/observations", body: `{`, status: 400}},
		"POST /api/packets":                 {{path: "/api/packets", body: `{"hex":"` + strings.ToLower(deref(p.RawHex)) + `"}`, hdr: key}, {path: "/api/packets", body: `{"hex":"00"}`, status: 401}},
		"POST /api/decode":                  {{path: "/api/decode", body: `{"hex":"` + deref(p.RawHex) + `"}`}, {path: "/api/decode", body: `{"hex":""}`, status: 400}},
		"GET /api/traces/{hash}":            {{path: "/api/traces/" + p.Hash, params: map[string]string{"hash": p.Hash}}},
		"GET /api/nodes/{pubkey}":           {{path: "/api/nodes/" + pk, params: map[string]string{"pubkey": pk}}, {path: "/api/nodes/00", params: map[string]string{"pubkey": "00"}, status: 404}},
		"GET /api/nodes/{pubkey}/health":    {{path: "/api/nodes/" + pk + "/health", params: map[string]string{"pubkey": pk}}},
		"GET /api/nodes/{pubkey}/analytics": {{path: "/api/nodes/" + pk + "/analytics?days=365", params: map[string]string{"pubkey": pk}}, {path: "/api/nodes/zz/analytics", params: map[string]string{"pubkey": "zz"}, status: 404}},
		"GET /api/nodes/{pubkey}/paths":     {{path: "/api/nodes/" + pk + "/paths", params: map[string]string{"pubkey": pk}}},
		"GET /api/nodes/{pubkey}/neighbors": {{path: "/api/nodes/" + pk + "/neighbors", params: map[string]string{"pubkey": pk}}},
		"GET /api/nodes/search":             {{path: "/api/nodes/search?q=" + pk[:4]}},
		"GET /api/nodes/resolve":            {{path: "/api/nodes/resolve?prefix=" + pk[:6]}},
		"GET /api/resolve-hops":             {{path: "/api/resolve-hops?hops=" + pk[:2] + "," + pk[:4]}},
		"GET /api/observers/{id}":           {{path: "/api/observers/" + oid, params: map[string]string{"id": oid}}, {path: "/api/observers/nope", params: map[string]string{"id": "nope"}, status: 404}},
		"GET /api/observers/{id}/analytics": {{path: "/api/observers/" + oid + "/analytics?days=365", params: map[string]string{"id": oid}}},
		"GET /api/observers/{id}/airtime": {{path: "/api/observers/" + oid + "/airtime?hours=48", params: map[string]string{"id": oid}},
			{path: "/api/observers/" + oid + "/airtime?hours=0", params: map[string]string{"id": oid}, status: 400}},
		"GET /api/nodes/{pubkey}/airtime": {{path: "/api/nodes/" + pk + "/airtime?hours=24", params: map[string]string{"pubkey": pk}},
			{path: "/api/nodes/zz/airtime", params: map[string]string{"pubkey": "zz"}, status: 400}},
		"GET /api/channels/{hash}/messages": {{path: "/api/channels/" + url.PathEscape("#wardriving") + "/messages", params: map[string]string{"hash": "#wardriving"}}},
		"GET /api/analytics/subpaths-bulk":  {{path: "/api/analytics/subpaths-bulk?groups=2-2:5,3-4:5"}, {path: "/api/analytics/subpaths-bulk?groups=9-2:1"}},
		"GET /api/analytics/subpath-detail": {{path: "/api/analytics/subpath-detail?hops=" + strings.Join(topSubpath(t, f), ",")}, {path: "/api/analytics/subpath-detail?hops=aa"}},
		"POST /api/perf/reset":              {{path: "/api/perf/reset", hdr: key}, {path: "/api/perf/reset", status: 401}},
		// alerts (issue #22 item 5): the contract server has no alert manager, so 404
		"POST /api/alerts/ack":              {{path: "/api/alerts/ack", hdr: key, body: `{"kind":"node_silent","subject":"aa"}`, status: 404}, {path: "/api/alerts/ack", body: `{}`, status: 401}},
		"POST /api/alerts/mute":             {{path: "/api/alerts/mute", hdr: key, body: `{"kind":"node_silent","muted":true}`, status: 404}, {path: "/api/alerts/mute", body: `{}`, status: 401}},
		"GET /api/perf":                     {{path: "/api/perf", hdr: key}, {path: "/api/perf", status: 401}},
		"GET /api/perf/io":                  {{path: "/api/perf/io", hdr: key}, {path: "/api/perf/io", status: 401}},
		"GET /api/perf/sqlite":              {{path: "/api/perf/sqlite", hdr: key}, {path: "/api/perf/sqlite", status: 401}},
		"GET /api/perf/write-sources":       {{path: "/api/perf/write-sources", hdr: key}, {path: "/api/perf/write-sources", status: 401}},
		"GET /api/mqtt/status":              {{path: "/api/mqtt/status", hdr: key}, {path: "/api/mqtt/status", status: 401}},
		"GET /api/analytics/neighbor-graph": {{path: "/api/analytics/neighbor-graph"}, {path: "/api/analytics/neighbor-graph?min_count=1&min_score=0"}, {path: "/api/analytics/neighbor-graph?role=repeater"}},
		// operator routes (issue #19 item 5)
		"GET /api/backup":          {{path: "/api/backup", hdr: key}, {path: "/api/backup", status: 401}},
		"GET /api/dropped-packets": {{path: "/api/dropped-packets?limit=5", hdr: key}, {path: "/api/dropped-packets?since=yesterday", hdr: key, status: 400}, {path: "/api/dropped-packets", status: 401}},
		"GET /api/debug/affinity":  {{path: "/api/debug/affinity", hdr: key}, {path: "/api/debug/affinity?prefix=" + pk[:2], hdr: key}, {path: "/api/debug/affinity?prefix=zz", hdr: key, status: 400}},
		"PUT /api/config/geo-filter": {{path: "/api/config/geo-filter", body: `{"polygon":[[37,-123],[38,-123],[38,-121]],"bufferKm":5}`, hdr: key},
			{path: "/api/config/geo-filter", body: `{"polygon":[[37,-123]]}`, hdr: key, status: 400}, {path: "/api/config/geo-filter", body: `{}`, status: 401}},
		"POST /api/admin/prune-geo-filter":       {{path: "/api/admin/prune-geo-filter?confirm=true", hdr: key, status: 400}, {path: "/api/admin/prune-geo-filter", status: 401}},
		"GET /api/admin/prune-geo-filter/status": {{path: "/api/admin/prune-geo-filter/status?id=abc", hdr: key, status: 404}, {path: "/api/admin/prune-geo-filter/status", hdr: key, status: 400}},
	}
	for k, v := range analyticsSamples(pk, oid) {
		calls[k] = v
	}
	for k, v := range reachSamples(pk) {
		calls[k] = v
	}
	return calls
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestContract_EveryRouteValidates calls every registered route on the loaded fixture
// and validates status and body against the OpenAPI document with openapi3filter.
func TestContract_EveryRouteValidates(t *testing.T) {
	validateEveryRoute(t, newFixture(t))
}

func validateEveryRoute(t *testing.T, f *fixture) {
	doc, err := BuildSpec("test")
	if err != nil {
		t.Fatal(err)
	}
	calls := samples(t, f)
	rs := routes()
	sort.Slice(rs, func(i, j int) bool { return rs[i].Path < rs[j].Path })
	for _, rt := range rs {
		key := rt.Method + " " + rt.Path
		cs, ok := calls[key]
		if !ok {
			if strings.Contains(rt.Path, "{") || rt.Method != http.MethodGet {
				t.Errorf("%s: no sample call (add one to samples)", key)
				continue
			}
			cs = []sampleCall{{path: rt.Path}}
		}
		item := doc.Paths.Find(rt.Path)
		op := item.GetOperation(rt.Method)
		for _, c := range cs {
			t.Run(rt.Method+" "+c.path, func(t *testing.T) {
				want := c.status
				if want == 0 {
					want = http.StatusOK
				}
				code, hdr, body := f.do(t, rt.Method, c.path, c.body, c.hdr)
				if code != want {
					t.Fatalf("status %d, want %d: %.300s", code, want, body)
				}
				if op.Responses.Status(code) == nil {
					t.Fatalf("status %d not documented for %s", code, key)
				}
				req, _ := http.NewRequest(rt.Method, f.srv.URL+c.path, nil)
				in := &openapi3filter.ResponseValidationInput{
					RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: c.params,
						Route: &routers.Route{Spec: doc, Path: rt.Path, PathItem: item, Method: rt.Method, Operation: op}},
					Status: code, Header: hdr,
					Options: &openapi3filter.Options{IncludeResponseStatus: true, ExcludeResponseBody: (rt.Resp == "HTML" || rt.Resp == "Binary") && code == 200},
				}
				in.SetBodyBytes(body)
				if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
					t.Fatalf("response does not match the OpenAPI document: %v\nbody: %.400s", err, body)
				}
			})
		}
	}
}

// TestContract_ValidatorRejectsWrongShape proves the response validation can fail: a
// packet list without its total, and a Tx with a string id, are rejected.
func TestContract_ValidatorRejectsWrongShape(t *testing.T) {
	doc, err := BuildSpec("test")
	if err != nil {
		t.Fatal(err)
	}
	item := doc.Paths.Find("/api/packets")
	op := item.GetOperation(http.MethodGet)
	for _, body := range []string{`{"packets":[],"limit":50,"offset":0}`, `{"packets":[{"id":"x"}],"total":1,"limit":50,"offset":0}`} {
		req, _ := http.NewRequest(http.MethodGet, "http://x/api/packets", nil)
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req,
				Route: &routers.Route{Spec: doc, Path: "/api/packets", PathItem: item, Method: http.MethodGet, Operation: op}},
			Status: 200, Header: http.Header{"Content-Type": {"application/json"}},
		}
		in.SetBodyBytes([]byte(body))
		if err := openapi3filter.ValidateResponse(context.Background(), in); err == nil {
			t.Errorf("body %s validated, want a schema error", body)
		}
	}
}

// topSubpath returns the fixture's most common 2-hop sequence.
func topSubpath(t *testing.T, f *fixture) []string {
	var sp struct {
		Subpaths []Subpath `json:"subpaths"`
	}
	f.getJSON(t, "/api/analytics/subpaths?minLen=2&maxLen=2&limit=1", &sp)
	if len(sp.Subpaths) == 0 {
		t.Fatal("fixture has no 2-hop subpath")
	}
	return sp.Subpaths[0].RawHops
}
