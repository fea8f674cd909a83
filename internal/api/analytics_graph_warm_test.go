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
		for slot := range graphSlots {
			e := f.api.graphC[slot].Load()
			if e == nil || e.snapshotMs != ms {
				return false
			}
			select {
			case <-e.ready:
			default:
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
	for slot, q := range []string{"", "?min_count=1&min_score=0"} {
		e := f.api.graphC[slot].Load()
		_, _, body := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph"+q, "", nil)
		if !bytes.Equal(body, e.body) || f.api.graphC[slot].Load() != e {
			t.Fatalf("%q: not served from the pre-encoded snapshot", q)
		}
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
// new snapshot is being encoded gets the previous snapshot's answer without waiting.
func TestNeighborGraph_ServesPreviousWhileEncoding(t *testing.T) {
	f := newFixture(t)
	g, _ := f.store.NeighborGraph()
	old := []byte("{\"previous\":true}\n")
	pending := &graphEntry{snapshotMs: g.BuiltAtUnixMs, ready: make(chan struct{}), staleBody: old, staleMs: g.BuiltAtUnixMs - 60_000}
	f.api.graphC[0].Store(pending)
	code, hdr, body := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph", "", nil)
	if code != http.StatusOK || !bytes.Equal(body, old) {
		t.Fatalf("%d %q, want the previous answer", code, body)
	}
	if age, _ := strconv.Atoi(hdr.Get("X-Cache-Age-Seconds")); age < 60 {
		t.Fatalf("X-Cache-Age-Seconds %d, want the previous snapshot's age (≥ 60)", age)
	}
	pending.body = []byte("{\"current\":true}\n")
	close(pending.ready)
	if _, _, body := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph", "", nil); !bytes.Equal(body, pending.body) {
		t.Fatalf("%q, want the current answer once encoded", body)
	}
}
