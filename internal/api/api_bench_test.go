package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// benchHandler serves the fixture from the loaded in-memory store through the full middleware
// chain, without a socket.
func benchHandler(b *testing.B) (http.Handler, *fixture) {
	b.Helper()
	f := newFixture(b)
	return f.api.Handler(), f
}

func benchGet(b *testing.B, path string) {
	h, _ := benchHandler(b)
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("X-API-Key", testKey) // operator-only routes (perf) need it; the others ignore it
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: status %d: %.200s", path, rec.Code, rec.Body.String())
		}
	}
}

func BenchmarkAPI_Packets(b *testing.B)        { benchGet(b, "/api/packets?limit=50") }
func BenchmarkAPI_PacketsGrouped(b *testing.B) { benchGet(b, "/api/packets?groupByHash=true&limit=50") }
func BenchmarkAPI_PacketsByType(b *testing.B)  { benchGet(b, "/api/packets?type=5&limit=50") }
func BenchmarkAPI_Nodes(b *testing.B)          { benchGet(b, "/api/nodes?limit=2000") }
func BenchmarkAPI_Observers(b *testing.B)      { benchGet(b, "/api/observers") }
func BenchmarkAPI_Stats(b *testing.B)          { benchGet(b, "/api/stats") }
func BenchmarkAPI_Channels(b *testing.B)       { benchGet(b, "/api/channels") }
func BenchmarkAPI_NeighborGraph(b *testing.B)  { benchGet(b, "/api/analytics/neighbor-graph") }
func BenchmarkAPI_Perf(b *testing.B)           { benchGet(b, "/api/perf") }

func BenchmarkAPI_PacketDetail(b *testing.B) {
	_, f := benchHandler(b)
	var p struct {
		Packets []TxJSON `json:"packets"`
	}
	f.getJSON(b, "/api/packets?limit=1", &p)
	benchGet(b, "/api/packets/"+p.Packets[0].Hash)
}

func BenchmarkAPI_NodeDetail(b *testing.B) {
	_, f := benchHandler(b)
	var n struct {
		Nodes []NodeJSON `json:"nodes"`
	}
	f.getJSON(b, "/api/nodes?limit=1", &n)
	benchGet(b, "/api/nodes/"+strings.ToLower(n.Nodes[0].PublicKey))
}

func BenchmarkAPI_Spec(b *testing.B) { benchGet(b, "/api/spec") }
