package deploy_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// stackAPIKey is the apiKey (env API_KEY) of the stack TestStack_SupervisordMosquittoCaddy boots.
const stackAPIKey = "deploy-test-operator-key-0123456789"

// fetch GETs url with optional headers and returns status, headers and body.
func fetch(t *testing.T, url string, hdr map[string]string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// checkOperatorSurfaces asserts what the Caddy route exposes (issue #16 item 10): /metrics is
// not proxied at all, even with the key; /api/perf* and /api/mqtt/status answer 401 with a JSON
// reason without the key and 200 with it. The server's own port still serves /metrics to a
// scraper holding the key.
func checkOperatorSurfaces(t *testing.T, caddy, server string) {
	t.Helper()
	key := map[string]string{"X-API-Key": stackAPIKey}
	for _, hdr := range []map[string]string{nil, key, {"Authorization": "Bearer " + stackAPIKey}} {
		code, _, body := fetch(t, caddy+"/metrics", hdr)
		if code != http.StatusNotFound || strings.Contains(body, "corescope_") {
			t.Errorf("caddy /metrics (headers %v): %d %.200s, want 404 without metrics", hdr, code, body)
		}
	}
	for _, p := range []string{"/api/perf", "/api/perf/io", "/api/perf/sqlite", "/api/perf/write-sources", "/api/mqtt/status"} {
		code, _, body := fetch(t, caddy+p, nil)
		var e struct {
			Error string `json:"error"`
		}
		if code != http.StatusUnauthorized || json.Unmarshal([]byte(body), &e) != nil || e.Error == "" {
			t.Errorf("caddy %s without key: %d %.200s, want 401 with a JSON reason", p, code, body)
		}
		if code, _, body := fetch(t, caddy+p, key); code != http.StatusOK {
			t.Errorf("caddy %s with key: %d %.200s, want 200", p, code, body)
		}
	}
	if code, _, body := fetch(t, server+"/metrics", map[string]string{"Authorization": "Bearer " + stackAPIKey}); code != http.StatusOK ||
		!strings.Contains(body, "corescope_store_transmissions") {
		t.Errorf("server port /metrics with bearer key: %d %.200s, want 200 with series", code, body)
	}
}

// checkSecurityHeaders asserts that the page served through Caddy carries the security headers
// (issue #16 item 9): a CSP without inline script that forbids framing, nosniff and a referrer policy.
func checkSecurityHeaders(t *testing.T, caddy string) {
	t.Helper()
	for _, p := range []string{"/", "/api/stats"} {
		code, hdr, _ := fetch(t, caddy+p, nil)
		csp := hdr.Get("Content-Security-Policy")
		if code != http.StatusOK || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") ||
			!strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("caddy %s: %d CSP %q", p, code, csp)
		}
		if hdr.Get("X-Content-Type-Options") != "nosniff" || hdr.Get("Referrer-Policy") == "" {
			t.Errorf("caddy %s: nosniff %q referrer %q", p, hdr.Get("X-Content-Type-Options"), hdr.Get("Referrer-Policy"))
		}
	}
}
