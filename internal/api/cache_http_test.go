package api

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// mustGet fetches path from f and fails the test on a non-200 answer.
func mustGet(t *testing.T, f *fixture, path string) []byte {
	t.Helper()
	code, _, body := f.do(t, http.MethodGet, path, "", nil)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, code, body)
	}
	return body
}

// TestResponseCache_UnknownParamsDoNotChangeTheKey: on a real server, 600 requests with
// an undocumented parameter (?junk=1..600) to the hot cached routes read the store not
// once (they share the default answer), and the default answer is still warm after them
// and after more distinct documented shapes than the LRU holds.
func TestResponseCache_UnknownParamsDoNotChangeTheKey(t *testing.T) {
	f, p := newProbeFixture(t)
	for _, path := range []string{"/api/channels", "/api/packets", "/api/nodes", "/api/packets?groupByHash=true"} {
		sep := "?"
		if bytes.ContainsRune([]byte(path), '?') {
			sep = "&"
		}
		def := mustGet(t, f, path)
		before := p.reads.Load()
		for i := 1; i <= 600; i++ {
			if got := mustGet(t, f, fmt.Sprintf("%s%sjunk=%d", path, sep, i)); !bytes.Equal(got, def) {
				t.Fatalf("%s%sjunk=%d answered differently from %s", path, sep, i, path)
			}
		}
		if n := p.reads.Load() - before; n != 0 {
			t.Fatalf("%s: 600 junk keys read the store %d times, want 0 (the default answer)", path, n)
		}
		mustGet(t, f, path)
		if n := p.reads.Load() - before; n != 0 {
			t.Fatalf("%s: the default answer was rebuilt after the junk flood (%d reads)", path, n)
		}
	}
	// More distinct documented shapes than the LRU holds do not evict the defaults.
	for i := range respCacheEntries + 10 {
		mustGet(t, f, fmt.Sprintf("/api/channels?region=R%d", i))
	}
	before := p.reads.Load()
	mustGet(t, f, "/api/channels")
	if n := p.reads.Load() - before; n != 0 {
		t.Fatalf("the default /api/channels answer was rebuilt after %d region shapes: evicted", respCacheEntries+10)
	}
	// A documented parameter still has its own answer.
	mustGet(t, f, "/api/channels?includeEncrypted=true&junk=1")
	if n := p.reads.Load() - before; n != 1 {
		t.Fatalf("?includeEncrypted=true read the store %d times, want 1", n)
	}
}

// hangGuard bounds how long a test waits for an answer that the fixed code gives
// without waiting on anything: it only turns a deadlock of the old code (a request
// stuck behind a gated rebuild) into a failure instead of a test-binary timeout.
const hangGuard = 30 * time.Second

// TestChannels_RebuildServesPreviousWithoutWaiting: after the store changed, a request
// to /api/channels while the rebuild is stalled at a gate answers the previous list at
// once; the rebuild runs in the background and its list is served once it is done.
func TestChannels_RebuildServesPreviousWithoutWaiting(t *testing.T) {
	f, p := newProbeFixture(t)
	prev := mustGet(t, f, "/api/channels")
	p.genBump.Add(1) // the store changed: the held list is out of date
	g := p.armGate()
	answer := make(chan []byte, 1)
	go func() {
		code, _, body := f.do(t, http.MethodGet, "/api/channels", "", nil)
		if code != http.StatusOK {
			body = nil
		}
		answer <- body
	}()
	select {
	case body := <-answer:
		if !bytes.Equal(body, prev) {
			t.Fatalf("during the rebuild got %q, want the previous list", body)
		}
	case <-time.After(hangGuard):
		close(g.release)
		t.Fatal("GET /api/channels waited on the rebuild stalled at the gate")
	}
	select {
	case <-g.entered: // the background build reached the store and is stalled there
	case <-time.After(hangGuard):
		t.Fatal("the background rebuild never reached the store")
	}
	builds := f.api.caches.resp.Stats().Builds
	close(g.release)
	for f.api.caches.resp.Stats().Builds == builds {
		time.Sleep(time.Millisecond) // poll: the background rebuild stores its list
	}
	before := p.reads.Load()
	if got := mustGet(t, f, "/api/channels"); !bytes.Equal(got, prev) {
		t.Fatalf("after the rebuild got %q; the store's rows did not change, want the same list", got)
	}
	if n := p.reads.Load() - before; n != 0 {
		t.Fatalf("after the background rebuild the request read the store %d times, want 0", n)
	}
}
