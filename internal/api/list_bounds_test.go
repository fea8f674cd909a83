package api

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// commaHops builds n comma-separated 2-hex hop prefixes.
func commaHops(n int) string {
	h := make([]string, n)
	for i := range h {
		h[i] = fmt.Sprintf("%02X", i%256)
	}
	return strings.Join(h, ",")
}

// TestListParams_Bounded: every list parameter is capped (issue #16 item 4): a request
// with 30,000 hops, or one hop past a MeshCore path's 64, is refused with 400 and the
// bound in the message before any work; a list at the bound is served.
func TestListParams_Bounded(t *testing.T) {
	f := newFixture(t)
	long := commaHops(30000)
	keys := strings.TrimSuffix(strings.Repeat(strings.Repeat("ab", 32)+",", 201), ",")
	cases := []struct {
		name, method, path, body string
		code                     int
		msg                      string
	}{
		{"subpath-detail 30000 hops", "GET", "/api/analytics/subpath-detail?hops=" + long, "", 400, "hops parameter too long (max 16384 characters)"},
		{"subpath-detail 65 hops", "GET", "/api/analytics/subpath-detail?hops=" + commaHops(65), "", 400, "too many hops (max 64)"},
		{"subpath-detail 64 hops", "GET", "/api/analytics/subpath-detail?hops=" + commaHops(64), "", 200, ""},
		{"resolve-hops 30000 hops", "GET", "/api/resolve-hops?hops=" + long, "", 400, "hops parameter too long (max 16384 characters)"},
		{"resolve-hops 65 hops", "GET", "/api/resolve-hops?hops=" + commaHops(65), "", 400, "too many hops (max 64)"},
		{"resolve-hops 64 hops", "GET", "/api/resolve-hops?hops=" + commaHops(64), "", 200, ""},
		{"packets 201 nodes", "GET", "/api/packets?nodes=" + keys, "", 400, "too many nodes (max 200)"},
		{"packets 201 observers", "GET", "/api/packets?observer=" + keys, "", 400, "too many observer (max 200)"},
		{"region 65 codes", "GET", "/api/analytics/rf?region=" + commaHops(65), "", 400, "too many region (max 64)"},
		{"subpaths-bulk 17 groups", "GET", "/api/analytics/subpaths-bulk?groups=" + strings.TrimSuffix(strings.Repeat("2-2:5,", 17), ","), "", 400, "too many groups (max 16)"},
		{"observations 201 hashes", "POST", "/api/packets/observations", `{"hashes":[` + strings.TrimSuffix(strings.Repeat(`"0011223344556677",`, 201), ",") + `]}`, 400, "too many hashes (max 200)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, body := f.do(t, c.method, c.path, c.body, nil)
			if code != c.code {
				t.Fatalf("got %d %.200s, want %d", code, body, c.code)
			}
			if c.msg == "" {
				return
			}
			var e struct {
				Error string `json:"error"`
			}
			if err := json.Unmarshal(body, &e); err != nil || e.Error != c.msg {
				t.Errorf("got error %q (%v), want %q", e.Error, err, c.msg)
			}
		})
	}
}
