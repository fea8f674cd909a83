package api

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/web"
)

// realSite serves the repository's public/ and node_modules like cmd/server does.
func realSite(t *testing.T) http.Handler {
	t.Helper()
	site, err := web.New(web.Options{PublicDir: "../../public", VendorDir: "../../node_modules"})
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// wantCSP lists the directives every page must carry (written out by hand from the policy).
var wantCSP = []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'self'"}

func TestSecurityHeaders_EveryKindOfResponse(t *testing.T) {
	site := realSite(t)
	f := newFixture(t, func(o *Options) { o.Web = site })
	asset := site.(*web.Handler).AssetBase() + "/js/app.js"
	for _, c := range []struct{ path, method string }{
		{"/api/stats", "GET"}, {"/api/no-such-route", "GET"}, {"/api/stats", "DELETE"}, {"/api/perf", "GET"},
		{"/", "GET"}, {"/nodes/some/deep/link", "GET"}, {asset, "GET"}, {"/vendor/leaflet/dist/leaflet.js", "GET"},
		{"/api/docs", "GET"}, {"/js/swagger-init.js", "GET"},
	} {
		code, hdr, _ := f.do(t, c.method, c.path, "", nil)
		csp := hdr.Get("Content-Security-Policy")
		for _, d := range append(wantCSP, "frame-ancestors 'none'") {
			if !strings.Contains(csp, d) {
				t.Errorf("%s %s (%d): CSP %q lacks %q", c.method, c.path, code, csp, d)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s %s: CSP allows inline/eval: %q", c.method, c.path, csp)
		}
		if !strings.Contains(csp, "connect-src 'self' ws://"+strings.TrimPrefix(f.srv.URL, "http://")) {
			t.Errorf("%s %s: connect-src lacks this host's WebSocket origin: %q", c.method, c.path, csp)
		}
		if hdr.Get("X-Content-Type-Options") != "nosniff" || hdr.Get("Referrer-Policy") != "strict-origin-when-cross-origin" ||
			hdr.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s %s: nosniff %q, referrer %q, frame %q", c.method, c.path, hdr.Get("X-Content-Type-Options"),
				hdr.Get("Referrer-Policy"), hdr.Get("X-Frame-Options"))
		}
	}
}

// inlineScript matches a <script> element without src (inline code) and on*= event-handler attributes.
var inlineScript = regexp.MustCompile(`(?i)<script(\s[^>]*)?>\s*[^<\s]|\son[a-z]+\s*=|javascript:`)

func TestSecurityHeaders_PagesHaveNoInlineScript(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.Web = realSite(t) })
	for _, p := range []string{"/", "/api/docs"} {
		code, _, body := f.do(t, http.MethodGet, p, "", nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", p, code)
		}
		if m := inlineScript.Find(body); m != nil {
			t.Errorf("%s has inline script the CSP would block: %q", p, m)
		}
	}
}

func TestSecurityHeaders_FrameAncestorsAndTilesFromConfig(t *testing.T) {
	tiles, _ := json.Marshal(map[string]any{"tiles": map[string]any{
		"providers": map[string]any{"osm": map[string]any{"url": "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"}},
		"dark":      "http://tiles.local:8080/dark/{z}/{x}/{y}.png", "lightDefault": "osm"}})
	f := newFixture(t, func(o *Options) {
		o.FrameAncestors = []string{"'self'", "https://club.example.org"}
		o.UI.Map = tiles
	})
	_, hdr, _ := f.do(t, http.MethodGet, "/", "", nil)
	csp := hdr.Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors 'self' https://club.example.org;") || hdr.Get("X-Frame-Options") != "" {
		t.Errorf("configured framing: CSP %q, X-Frame-Options %q", csp, hdr.Get("X-Frame-Options"))
	}
	img := "img-src 'self' data: blob: http://tiles.local:8080 https://*.basemaps.cartocdn.com https://*.tile.openstreetmap.org;"
	if !strings.Contains(csp, img) {
		t.Errorf("CSP %q lacks %q", csp, img)
	}
}

func TestSecurityHeaders_TileOriginRejectsOddURLs(t *testing.T) {
	for raw, want := range map[string]string{
		"https://a.tile.example.org/{z}/{x}/{y}.png": "https://a.tile.example.org",
		"https://tiles{s}.example.org/{z}.png":       "https://*.example.org",
		"HTTPS://Tiles.Example.org:8443/x":           "https://tiles.example.org:8443",
		"https://tiles.{s}.example.org/x":            "",
		"https://u:p@tiles.example.org/x":            "",
		"https://evil.org;script-src *":              "",
		"javascript:alert(1)":                        "",
		"/relative/{z}.png":                          "",
	} {
		if got := tileOrigin(raw); got != want {
			t.Errorf("tileOrigin(%q) = %q, want %q", raw, got, want)
		}
	}
	if got := wsSources("evil.org; script-src *"); got != "" {
		t.Errorf("wsSources accepted a hostile Host: %q", got)
	}
}
