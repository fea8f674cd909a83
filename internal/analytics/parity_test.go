package analytics

import (
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/store"
)

// TestComputeDistance_OriginatorAndImplausibleHops: an advert's originator (companion c
// at 0.5°N 0°E) is the first point of its chain, giving a 111.19 km C↔R hop to repeater
// r at 1°E; the next hop to repeater far at 4°E (333.6 km) is dropped as implausible.
func TestComputeDistance_OriginatorAndImplausibleHops(t *testing.T) {
	c, r, far := "cc"+strings.Repeat("0", 62), "aa"+strings.Repeat("0", 62), "ff"+strings.Repeat("0", 62)
	lat, lon0, lon1, lon4 := 0.5, 0.0, 1.0, 4.0
	src := &rowSource{
		nodes: []store.Node{{PublicKey: c, Role: sptr("companion"), Lat: &lat, Lon: &lon0},
			{PublicKey: r, Role: sptr("repeater"), Lat: &lat, Lon: &lon1}, {PublicKey: far, Role: sptr("repeater"), Lat: &lat, Lon: &lon4}},
		txs: []store.Transmission{{Hash: "h1", FirstSeen: "2026-01-01T10:00:00Z", PayloadType: ip(4), FromPubkey: &c, Best: 0,
			Observations: []store.Observation{{ResolvedPath: []*string{&r, &far}}}}},
	}
	d, err := ComputeDistance(src, Window{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Summary.TotalHops != 1 || d.Summary.MaxDist != 111.19 || d.CatStats["C↔R"].Count != 1 || d.CatStats["R↔R"].Count != 0 {
		t.Fatalf("summary %+v cats %+v: want one C↔R hop of 111.19 km", d.Summary, d.CatStats)
	}
}

// TestComputeTopology_RelayedHopsAndSNRBuckets: a zero-hop observation stays in the
// hop distribution but not in the hop statistics (avg of 2 and 4 = 3); the 4-hop length
// has no SNR, so hopsVsSnr lists only 0 and 2 hops.
func TestComputeTopology_RelayedHopsAndSNRBuckets(t *testing.T) {
	src := &rowSource{txs: []store.Transmission{{Observations: []store.Observation{
		{PathJSON: sptr(`[]`), SNR: fp(9)},
		{PathJSON: sptr(`["AA","BB"]`), SNR: fp(4)},
		{PathJSON: sptr(`["AA","BB","CC","DD"]`)},
	}}}}
	top, err := ComputeTopology(src, Window{})
	if err != nil {
		t.Fatal(err)
	}
	if top.AvgHops != 3 || top.MedianHops != 3 || top.MaxHops != 4 || len(top.HopDistribution) != 3 {
		t.Fatalf("avg %v median %v max %d distribution %+v", top.AvgHops, top.MedianHops, top.MaxHops, top.HopDistribution)
	}
	if len(top.HopsVsSNR) != 2 || top.HopsVsSNR[0].Hops != 0 || top.HopsVsSNR[1].Hops != 2 || *top.HopsVsSNR[1].AvgSNR != 4 {
		t.Fatalf("hopsVsSnr %+v", top.HopsVsSNR)
	}
}

// TestLongestSilence: active hours 01:00, 02:00 and 07:00 give a 5 h gap from 02:00;
// the quiet time before 01:00 and after 07:00 does not count.
func TestLongestSilence(t *testing.T) {
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	active := map[int64]bool{}
	for _, h := range []int{1, 2, 7} {
		active[day.Add(time.Duration(h)*time.Hour).Unix()] = true
	}
	gap, start := longestSilence(active)
	if gap != 5*time.Hour || start == nil || *start != "2026-01-01T02:00:00Z" {
		t.Fatalf("gap %v from %v, want 5h from 02:00", gap, start)
	}
	if gap, start := longestSilence(map[int64]bool{day.Unix(): true}); gap != 0 || start != nil {
		t.Fatalf("one active hour: gap %v start %v, want none", gap, start)
	}
}
