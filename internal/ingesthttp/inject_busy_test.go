package ingesthttp_test

import (
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/testutil"
)

// TestInject_BusyPortFallsBackToFreePort: another instance holding the injection port
// must not stop ingest; the endpoint moves to a free port that InjectAddr reports.
func TestInject_BusyPortFallsBackToFreePort(t *testing.T) {
	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, func(o *injectOpts) {
		o.InjectListen = held.Addr().String()
		o.InjectToken = "inject-token-0123456789"
	})
	defer closeIngester(t, in)
	got := in.InjectAddr()
	if got == "" || got == held.Addr().String() || !strings.HasPrefix(got, "127.0.0.1:") {
		t.Fatalf("InjectAddr = %q; want a free 127.0.0.1 port other than the held %s", got, held.Addr())
	}
	// The moved endpoint is the injection handler: a wrong key gets its 401.
	req, _ := http.NewRequest(http.MethodPost, "http://"+got+"/api/inject", strings.NewReader(`{}`))
	req.Header.Set("X-API-Key", "wrong")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("post to moved endpoint: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("moved endpoint answered %d, want 401", resp.StatusCode)
	}
}
