package analytics

import (
	"testing"
	"time"

	"github.com/corescope/corescope/internal/store"
)

// fixtureNow is an hour after the shared fixture's newest transmission.
var fixtureNow = time.Date(2026, 5, 17, 19, 13, 27, 0, time.UTC)

func TestDisambiguate_Rules(t *testing.T) {
	ll := func(v float64) *float64 { return &v }
	nodes := []store.Node{
		{PublicKey: "aa01", Lat: ll(50.005), Lon: ll(4.005), AdvertCount: 1},
		{PublicKey: "aa02", Lat: ll(50.01), Lon: ll(4.01), AdvertCount: 1},
		{PublicKey: "aa03", Lat: ll(52), Lon: ll(6), AdvertCount: 9},
		{PublicKey: "ctx1", Lat: ll(50.02), Lon: ll(4.02)},
	}
	rows := []*store.Node{&nodes[0], &nodes[1], &nodes[2]}
	edges := []Edge{{A: "ctx1", B: "aa03", Score: 0.9}, {A: "ctx1", B: "aa01", Score: 0.1}}
	hc := NewHopContext(edges, nodes, fixtureNow)
	if ch := hc.Disambiguate(rows, []string{"ctx1"}); ch.Confidence != "neighbor_affinity" || ch.Best.PublicKey != "aa03" || ch.Score <= 0.5 {
		t.Fatalf("affinity: %s %s %v", ch.Confidence, ch.Best.PublicKey, ch.Score)
	}
	// No edges: aa02 is nearest to ctx1 but aa01 is almost as near, so geography cannot decide;
	// aa03 has clearly the most adverts.
	hc = NewHopContext(nil, nodes, fixtureNow)
	if ch := hc.Disambiguate(rows, []string{"ctx1"}); ch.Confidence != "observation_count_fallback" || ch.Best.PublicKey != "aa03" {
		t.Fatalf("count fallback: %s %s", ch.Confidence, ch.Best.PublicKey)
	}
	if ch := hc.Disambiguate(rows[:2:2], []string{"ctx1"}); ch.Confidence != "ambiguous" || ch.Score != 0.5 {
		t.Fatalf("close pair: %s %v", ch.Confidence, ch.Score)
	}
	if ch := hc.Disambiguate([]*store.Node{&nodes[0], &nodes[2]}, []string{"ctx1"}); ch.Confidence != "geo_proximity" || ch.Best.PublicKey != "aa01" {
		t.Fatalf("geo: %s %s", ch.Confidence, ch.Best.PublicKey)
	}
	nodes[1].Lat, nodes[1].Lon = nil, nil
	if ch := hc.Disambiguate([]*store.Node{&nodes[0], &nodes[1]}, nil); ch.Confidence != "gps_preference" || ch.Best.PublicKey != "aa01" {
		t.Fatalf("gps preference: %s %s", ch.Confidence, ch.Best.PublicKey)
	}
}
