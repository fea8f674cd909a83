package api

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzAPI_Requests sends arbitrary query strings, path values and bodies to every route
// of the loaded fixture: nothing may panic or answer 5xx (bad input is a 4xx or ignored).
func FuzzAPI_Requests(f *testing.F) {
	fx := newFixture(f)
	h := fx.api.Handler()
	rs := routes()
	f.Add(uint8(0), "limit=-1&offset=abc", "x", `{"hex":"zz"}`)
	f.Add(uint8(5), "type=99&route=x&since=%ff&nodes=,,,", "0011223344556677", `{"hashes":[1,2]}`)
	f.Add(uint8(9), "region=ALL,,sjc&groupByHash=true&expand=observations", "%00", `[]`)
	f.Add(uint8(20), "min_count=-5&min_score=NaN&role=%", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", `{"hex":"11"}`)
	f.Fuzz(func(t *testing.T, which uint8, query, pathVal, body string) {
		rt := rs[int(which)%len(rs)]
		if rt.Auth || rt.Path == "/api/spec" {
			return // write routes forward to the fake ingestor; the spec is static
		}
		p := pathVar.ReplaceAllString(rt.Path, url.PathEscape(pathVal))
		u := &url.URL{Path: p, RawQuery: query}
		var req *http.Request
		if rt.Method == http.MethodPost {
			req = httptest.NewRequest(rt.Method, "http://x/", strings.NewReader(body))
		} else {
			req = httptest.NewRequest(rt.Method, "http://x/", nil)
		}
		req.URL = u
		req.RequestURI = u.RequestURI()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s?%s: status %d: %s", rt.Method, p, query, rec.Code, rec.Body.String())
		}
	})
}
