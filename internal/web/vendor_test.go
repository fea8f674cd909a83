package web

import (
	"os"
	"strings"
	"testing"
)

// TestHandler_RealVendorPackages serves the UI's npm dependencies from the checkout's
// node_modules (installed by npm ci), including Swagger UI for /api/docs.
func TestHandler_RealVendorPackages(t *testing.T) {
	if _, err := os.Stat("../../node_modules/swagger-ui-dist"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node_modules missing under CI: %v", err)
		}
		t.Skip("node_modules not installed (npm ci)")
	}
	h, err := New(Options{PublicDir: "../../public", VendorDir: "../../node_modules"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/vendor/swagger-ui-dist/swagger-ui-bundle.js", "/vendor/swagger-ui-dist/swagger-ui.css",
		"/vendor/leaflet/dist/leaflet.js", "/vendor/chart.js/package.json",
		"/vendor/@noble/hashes/sha2.js", "/vendor/@noble/hashes/hmac.js", "/vendor/@noble/ciphers/aes.js"} {
		if r := get(t, h, p); r.StatusCode != 200 {
			t.Errorf("%s: status %d", p, r.StatusCode)
		} else if ct := r.Header.Get("Content-Type"); strings.HasSuffix(p, ".js") && !strings.Contains(ct, "javascript") {
			t.Errorf("%s: Content-Type %q, browsers refuse ES modules without a JavaScript type", p, ct)
		}
	}
	// Scoped packages outside the allow-list stay hidden.
	if r := get(t, h, "/vendor/@noble/curves/package.json"); r.StatusCode != 404 {
		t.Errorf("@noble/curves: status %d, want 404", r.StatusCode)
	}
	r := get(t, h, "/")
	b := body(t, r)
	if r.StatusCode != 200 || strings.Contains(b, AssetBaseToken) || !strings.Contains(b, "/assets/"+h.Hash()+"/") {
		t.Fatalf("real index.html: %d, asset base not substituted", r.StatusCode)
	}
}
