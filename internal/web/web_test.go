package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newTestHandler(t *testing.T) (*Handler, string) {
	t.Helper()
	root := writeTree(t, map[string]string{
		"public/index.html":                      `<script type="module" src="__ASSET_BASE__/js/app.js"></script>`,
		"public/js/app.js":                       "export const x = 1;",
		"public/favicon.svg":                     "<svg/>",
		"node_modules/leaflet/dist/leaflet.js":   "L",
		"node_modules/secret-pkg/index.js":       "nope",
		"node_modules/swagger-ui-dist/index.css": "css",
	})
	h, err := New(Options{PublicDir: filepath.Join(root, "public"), VendorDir: filepath.Join(root, "node_modules")})
	if err != nil {
		t.Fatal(err)
	}
	return h, root
}

func get(t *testing.T, h http.Handler, path string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "http://x"+path, nil)
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, r *http.Response) string {
	t.Helper()
	b, _ := io.ReadAll(r.Body)
	return string(b)
}

func TestHandler_IndexSubstitutesAssetBase(t *testing.T) {
	h, _ := newTestHandler(t)
	for _, p := range []string{"/", "/index.html", "/some/spa/route"} {
		r := get(t, h, p)
		b := body(t, r)
		if r.StatusCode != 200 || !strings.Contains(b, `src="/assets/`+h.Hash()+`/js/app.js"`) {
			t.Fatalf("%s: got %d %q", p, r.StatusCode, b)
		}
		if strings.Contains(b, AssetBaseToken) {
			t.Fatalf("%s: token not replaced", p)
		}
		if cc := r.Header.Get("Cache-Control"); !strings.Contains(cc, "no-cache") {
			t.Fatalf("%s: Cache-Control %q, want no-cache", p, cc)
		}
	}
}

func TestHandler_HashedAssetsImmutable(t *testing.T) {
	h, _ := newTestHandler(t)
	r := get(t, h, "/assets/"+h.Hash()+"/js/app.js")
	if r.StatusCode != 200 || body(t, r) != "export const x = 1;" {
		t.Fatalf("got %d", r.StatusCode)
	}
	if cc := r.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Fatalf("Cache-Control %q, want immutable", cc)
	}
	if ct := r.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Fatalf("Content-Type %q", ct)
	}
	if r := get(t, h, "/assets/"+h.Hash()+"/js/missing.js"); r.StatusCode != 404 {
		t.Fatalf("missing asset: got %d, want 404", r.StatusCode)
	}
	if r := get(t, h, "/assets/0000/js/app.js"); r.StatusCode != 200 || strings.Contains(r.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("stale hash: got %d %q", r.StatusCode, r.Header.Get("Cache-Control"))
	}
}

func TestHandler_HashChangesWithContent(t *testing.T) {
	h1, root := newTestHandler(t)
	if err := os.WriteFile(filepath.Join(root, "public/js/app.js"), []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	h2, err := New(Options{PublicDir: filepath.Join(root, "public"), VendorDir: filepath.Join(root, "node_modules")})
	if err != nil {
		t.Fatal(err)
	}
	if h1.Hash() == h2.Hash() {
		t.Fatalf("hash unchanged after edit: %s", h1.Hash())
	}
}

func TestHandler_VendorAllowList(t *testing.T) {
	h, _ := newTestHandler(t)
	if r := get(t, h, "/vendor/leaflet/dist/leaflet.js"); r.StatusCode != 200 || body(t, r) != "L" {
		t.Fatalf("leaflet: got %d", r.StatusCode)
	}
	if r := get(t, h, "/vendor/secret-pkg/index.js"); r.StatusCode != 404 {
		t.Fatalf("unlisted package: got %d, want 404", r.StatusCode)
	}
	if r := get(t, h, "/vendor/leaflet/"); r.StatusCode != 404 {
		t.Fatalf("directory: got %d, want 404", r.StatusCode)
	}
}

func TestHandler_RejectsTraversal(t *testing.T) {
	h, _ := newTestHandler(t)
	for _, p := range []string{"/assets/x/..%2f..%2fetc/passwd", "/vendor/leaflet/%2e%2e/secret", "/a%5cb"} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "http://x/", nil)
		req.URL.RawPath = p
		req.URL.Path = strings.NewReplacer("%2f", "/", "%2e", ".", "%5c", `\`).Replace(p)
		h.ServeHTTP(rec, req)
		if rec.Code != 400 {
			t.Fatalf("%s: got %d, want 400", p, rec.Code)
		}
	}
}

func TestHandler_MissingPublicDir(t *testing.T) {
	h, err := New(Options{PublicDir: filepath.Join(t.TempDir(), "nope")})
	if err != nil {
		t.Fatal(err)
	}
	r := get(t, h, "/")
	if r.StatusCode != 200 || !strings.Contains(body(t, r), "Frontend not found") {
		t.Fatalf("got %d", r.StatusCode)
	}
}

func TestHandler_MethodNotAllowed(t *testing.T) {
	h, _ := newTestHandler(t)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", nil))
	if rec.Code != 405 {
		t.Fatalf("got %d, want 405", rec.Code)
	}
}
