package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/testutil"
)

// TestReachRx_BadInputAndOptOut checks that malformed or oversized parameters get a 400
// naming the bound, unknown nodes a 404, and that with clientRxCoverage off the coverage
// routes answer the documented 404 telling the operator how to enable them.
func TestReachRx_BadInputAndOptOut(t *testing.T) {
	g, path, now := simReachDB(t)
	pk := hexKey(g.ClientRxLog()[0].Heard)
	unknown := strings.Repeat("ab", 32)
	on := testutil.NewTestServerAt(t, path, func(o *api.Options) {
		o.Now = func() time.Time { return now }
		o.UI.ClientRxCoverage = true
	})
	off := testutil.NewTestServerAt(t, path, func(o *api.Options) { o.Now = func() time.Time { return now } })
	huge := strings.Repeat("9", 400)
	cases := []struct {
		base, path string
		code       int
		msg        string
	}{
		{on.URL, "/api/nodes/zz/reach", 400, "invalid pubkey"},
		{on.URL, "/api/nodes/" + unknown + "/reach", 404, "Not found"},
		{on.URL, "/api/nodes/" + pk + "/reach?days=abc", 400, "days must be an integer from 1 to 30"},
		{on.URL, "/api/nodes/" + pk + "/reach?days=0", 400, "days must be"},
		{on.URL, "/api/nodes/" + pk + "/reach?days=" + huge, 400, "days must be"},
		{on.URL, "/api/rx-coverage?days=31", 400, "days must be"},
		{on.URL, "/api/rx-coverage?z=99", 400, "z must be an integer from 3 to 18"},
		{on.URL, "/api/rx-coverage?z=" + huge, 400, "z must be"},
		{on.URL, "/api/rx-coverage?bbox=1,2,3", 400, "bbox must be"},
		{on.URL, "/api/rx-coverage?bbox=10,10,5,5", 400, "bbox must be"},
		{on.URL, "/api/rx-coverage?bbox=NaN,1,2,3", 400, "bbox must be"},
		{on.URL, "/api/rx-coverage?bbox=" + huge + ",1,2,3", 400, "bbox must be"},
		{on.URL, "/api/rx-coverage?node=abc", 400, "node must be a 64-hex-char public key"},
		{on.URL, "/api/rx-coverage?node=" + unknown, 404, "Not found"},
		{on.URL, "/api/rx-coverage?rx=" + huge, 400, "rx must be"},
		{on.URL, "/api/rx-leaderboard?limit=1000", 400, "limit must be an integer from 1 to 100"},
		{on.URL, "/api/rx-leaderboard?limit=x", 400, "limit must be"},
		{on.URL, "/api/nodes/zz/rx-coverage", 400, "invalid pubkey"},
		{on.URL, "/api/nodes/" + unknown + "/rx-coverage", 404, "Not found"},
		{off.URL, "/api/rx-coverage", 404, "clientRxCoverage.enabled"},
		{off.URL, "/api/rx-leaderboard", 404, "clientRxCoverage.enabled"},
		{off.URL, "/api/nodes/" + pk + "/rx-coverage", 404, "clientRxCoverage.enabled"},
	}
	for _, c := range cases {
		code, body := getJSONStatus(t, c.base+c.path, nil)
		if code != c.code || !strings.Contains(body, c.msg) {
			t.Errorf("GET %.80s: %d %.200s, want %d with %q", c.path, code, body, c.code, c.msg)
		}
	}
	// Reach needs no opt-in: it reads observations, not client receptions.
	if code, body := getJSONStatus(t, off.URL+"/api/nodes/"+pk+"/reach", nil); code != http.StatusOK {
		t.Errorf("reach with coverage off: %d %.200s", code, body)
	}
}
