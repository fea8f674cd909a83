package api

import (
	"bytes"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// TestRunAnalytics_PreEncodesNeighborGraph checks that both default neighbour-graph
// shapes are encoded by RunAnalytics for the current snapshot and again after every
// rebuild, before any request asks, and that requests then serve those bytes.
func TestRunAnalytics_PreEncodesNeighborGraph(t *testing.T) {
	f := newFixture(t)
	defer runAnalytics(t, f.api)()
	encoded := func(ms int64) bool {
		for _, key := range graphKeys {
			if e, ok := f.api.caches.graph.Peek(key); !ok || e.snapshotMs != ms {
				return false
			}
		}
		return true
	}
	waitEncoded := func(ms int64) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); !encoded(ms); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("snapshot %d not pre-encoded", ms)
			}
		}
	}
	g, _ := f.store.NeighborGraph()
	waitEncoded(g.BuiltAtUnixMs)
	builds := f.api.caches.graph.Stats().Builds
	for slot, q := range []string{"", "?min_count=1&min_score=0"} {
		e, _ := f.api.caches.graph.Peek(graphKeys[slot])
		_, _, body := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph"+q, "", nil)
		if !bytes.Equal(body, e.body) {
			t.Fatalf("%q: not served from the pre-encoded snapshot", q)
		}
	}
	if n := f.api.caches.graph.Stats().Builds - builds; n != 0 {
		t.Fatalf("requests after the pre-encoding encoded %d more times, want 0", n)
	}
	time.Sleep(2 * time.Millisecond) // a distinct BuiltAt
	if err := f.store.(*StoreView).graph.Rebuild(); err != nil {
		t.Fatal(err)
	}
	g2, _ := f.store.NeighborGraph()
	if g2.BuiltAtUnixMs == g.BuiltAtUnixMs {
		t.Fatal("rebuild kept the snapshot time")
	}
	waitEncoded(g2.BuiltAtUnixMs)
}

// TestNeighborGraph_ServesPreviousWhileEncoding checks that a request arriving while a
// new snapshot is being encoded (stalled at a gate) gets the previous snapshot's answer
// without waiting, and the new snapshot's answer once it is encoded.
func TestNeighborGraph_ServesPreviousWhileEncoding(t *testing.T) {
	f, p := newProbeFixture(t)
	age := func(hdr http.Header) int {
		n, err := strconv.Atoi(hdr.Get("X-Cache-Age-Seconds"))
		if err != nil {
			t.Fatalf("X-Cache-Age-Seconds %q", hdr.Get("X-Cache-Age-Seconds"))
		}
		return n
	}
	_, hdr, prev := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph", "", nil)
	prevAge := age(hdr)
	// A new snapshot, dated an hour before the fixture's frozen clock (so the age of
	// its answer tells it from the previous one's).
	cur, _ := f.store.NeighborGraph()
	p.graphShift.Store(fixtureNow.Add(-time.Hour).UnixMilli() - cur.BuiltAtUnixMs)
	g := p.armGate()
	answer := make(chan http.Header, 1)
	go func() {
		code, hdr, body := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph", "", nil)
		if code != http.StatusOK || !bytes.Equal(body, prev) {
			hdr = nil
		}
		answer <- hdr
	}()
	select {
	case hdr := <-answer:
		if hdr == nil || age(hdr) != prevAge {
			t.Fatalf("during the encoding got %v, want the previous snapshot's answer (age %d)", hdr, prevAge)
		}
	case <-time.After(hangGuard):
		close(g.release)
		t.Fatal("the request waited on the encoding stalled at the gate")
	}
	select {
	case <-g.entered: // the background build reached the store and is stalled there
	case <-time.After(hangGuard):
		t.Fatal("the new snapshot was never encoded")
	}
	builds := f.api.caches.graph.Stats().Builds
	close(g.release)
	for f.api.caches.graph.Stats().Builds == builds {
		time.Sleep(time.Millisecond) // poll: the background encoding stores its answer
	}
	if _, hdr, _ := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph", "", nil); age(hdr) != 3600 || prevAge == 3600 {
		t.Fatalf("after the encoding X-Cache-Age-Seconds %d (before %d), want the new snapshot's 3600", age(hdr), prevAge)
	}
}
