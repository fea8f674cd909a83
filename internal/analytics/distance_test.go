package analytics

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/store"
)

// TestComputeDistance: one degree of longitude at latitude 0.5° is
// 2π·6371/360·cos(0.5°) = 111.19 km; a repeater–companion hop is classed C↔R; an empty view writes [] for the
// histogram (its long-standing shape).
func TestComputeDistance(t *testing.T) {
	a, b := "aa"+strings.Repeat("0", 62), "bb"+strings.Repeat("0", 62)
	zero, one := 0.0, 1.0
	lat := 0.5
	src := &rowSource{
		nodes: []store.Node{{PublicKey: a, Role: sptr("Repeater"), Lat: &lat, Lon: &zero}, {PublicKey: b, Role: sptr("companion"), Lat: &lat, Lon: &one}},
		txs: []store.Transmission{{Hash: "h1", FirstSeen: "2026-01-01T10:00:00.000Z", Best: 0, Observations: []store.Observation{
			{ResolvedPath: []*string{&a, &b}, SNR: fp(3)},
		}}},
	}
	d, err := ComputeDistance(src, Window{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.TopHops) != 1 || d.TopHops[0].Dist != 111.19 || d.TopHops[0].Type != "C↔R" {
		t.Fatalf("top hops %+v, want one C↔R hop of 111.19 km", d.TopHops)
	}
	if d.Summary.TotalHops != 1 || d.Summary.TotalPaths != 1 || d.CatStats["C↔R"].Count != 1 || *d.TopHops[0].BestSNR != 3 {
		t.Fatalf("summary %+v cats %+v", d.Summary, d.CatStats)
	}
	empty, _ := ComputeDistance(src, Window{Empty: true})
	if b, _ := json.Marshal(empty.DistHistogram); string(b) != "[]" {
		t.Fatalf("empty histogram %s, want []", b)
	}
}
