package api

import (
	"bytes"
	"github.com/corescope/corescope/internal/analytics"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestAcceptance_AnalyticsCounts(t *testing.T) {
	f := newFixture(t)
	var rf struct {
		TotalTransmissions int `json:"totalTransmissions"`
		TotalAllPackets    int `json:"totalAllPackets"`
		PayloadTypes       []struct {
			Count int `json:"count"`
		} `json:"payloadTypes"`
	}
	f.getJSON(t, "/api/analytics/rf", &rf)
	sum := 0
	for _, p := range rf.PayloadTypes {
		sum += p.Count
	}
	wantObs := dbCount(t, f.dbPath, "SELECT count(*) FROM observations")
	if rf.TotalTransmissions != 499 || sum != 499 || rf.TotalAllPackets != wantObs {
		t.Fatalf("rf: tx %d, by type %d, observations %d; want 499, 499, %d", rf.TotalTransmissions, sum, rf.TotalAllPackets, wantObs)
	}
	var ch struct {
		Channels []struct {
			Messages int `json:"messages"`
		} `json:"channels"`
	}
	f.getJSON(t, "/api/analytics/channels", &ch)
	sum = 0
	for _, c := range ch.Channels {
		sum += c.Messages
	}
	if want := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE payload_type=5"); sum != want {
		t.Fatalf("channels: %d messages, want %d", sum, want)
	}
	var topo struct {
		HopDistribution []struct {
			Count int `json:"count"`
		} `json:"hopDistribution"`
	}
	f.getJSON(t, "/api/analytics/topology", &topo)
	sum = 0
	for _, h := range topo.HopDistribution {
		sum += h.Count
	}
	if sum != wantObs {
		t.Fatalf("topology: hop distribution covers %d observations, want %d", sum, wantObs)
	}
}

func TestAcceptance_NeighborGraphSnapshot(t *testing.T) {
	f := newFixture(t)
	for _, q := range []string{"", "?min_count=1&min_score=0"} {
		code, hdr, first := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph"+q, "", nil)
		if code != 200 || hdr.Get("X-Cache-Age-Seconds") == "" {
			t.Fatalf("%q: %d, X-Cache-Age-Seconds %q", q, code, hdr.Get("X-Cache-Age-Seconds"))
		}
		_, _, second := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph"+q, "", nil)
		if !bytes.Equal(first, second) {
			t.Fatalf("%q: body changed between two reads of one snapshot", q)
		}
	}
	if _, hdr, _ := f.do(t, http.MethodGet, "/api/analytics/neighbor-graph?min_count=2", "", nil); hdr.Get("X-Cache-Age-Seconds") != "" {
		t.Fatal("non-default shape served from the snapshot cache")
	}
	var perf struct {
		Cache struct {
			Hits int `json:"hits"`
		} `json:"cache"`
	}
	f.operatorJSON(t, "/api/perf", &perf)
	if perf.Cache.Hits < 2 {
		t.Fatalf("cache hits %d, want the repeated graph reads counted", perf.Cache.Hits)
	}
}

func TestAcceptance_NodeAnalyticsAgreesWithHealth(t *testing.T) {
	now := time.Date(2026, 5, 17, 18, 30, 0, 0, time.UTC)
	f := newFixture(t, func(o *Options) { o.Now = func() time.Time { return now } })
	var list struct {
		Nodes []NodeJSON `json:"nodes"`
	}
	f.getJSON(t, "/api/nodes?limit=1&sortBy=packetCount", &list)
	pk := list.Nodes[0].PublicKey
	var h struct {
		Stats NodeStats `json:"stats"`
	}
	f.getJSON(t, "/api/nodes/"+pk+"/health", &h)
	var a struct {
		ActivityTimeline []struct {
			Count int `json:"count"`
		} `json:"activityTimeline"`
		ComputedStats struct {
			TotalPackets int `json:"totalPackets"`
		} `json:"computedStats"`
	}
	f.getJSON(t, "/api/nodes/"+pk+"/analytics?days=30", &a)
	sum := 0
	for _, b := range a.ActivityTimeline {
		sum += b.Count
	}
	if a.ComputedStats.TotalPackets != h.Stats.TotalTransmissions || sum != h.Stats.TotalTransmissions || sum == 0 {
		t.Fatalf("analytics total %d, timeline %d; health %d", a.ComputedStats.TotalPackets, sum, h.Stats.TotalTransmissions)
	}
}

func TestAcceptance_HashSizesConsistent(t *testing.T) {
	f := newFixture(t)
	var hs struct {
		Total        int            `json:"total"`
		Distribution map[string]int `json:"distribution"`
		Hourly       []map[string]any
		TopHops      []struct {
			Hex  string `json:"hex"`
			Size int    `json:"size"`
		} `json:"topHops"`
	}
	f.getJSON(t, "/api/analytics/hash-sizes", &hs)
	sum := 0
	for _, v := range hs.Distribution {
		sum += v
	}
	hourly := 0
	for _, h := range hs.Hourly {
		for _, k := range []string{"1", "2", "3"} {
			hourly += int(h[k].(float64))
		}
	}
	if hs.Total == 0 || sum != hs.Total || hourly != hs.Total || hs.Total > 499 {
		t.Fatalf("total %d, distribution sum %d, hourly sum %d", hs.Total, sum, hourly)
	}
	for _, h := range hs.TopHops {
		if len(h.Hex) != 2*h.Size {
			t.Fatalf("hop %q size %d", h.Hex, h.Size)
		}
	}
}

func TestAcceptance_Subpaths(t *testing.T) {
	f := newFixture(t)
	var sp struct {
		Subpaths []Subpath `json:"subpaths"`
		Total    int       `json:"totalPaths"`
	}
	f.getJSON(t, "/api/analytics/subpaths?minLen=2&maxLen=3&limit=500", &sp)
	if sp.Total == 0 || len(sp.Subpaths) == 0 || len(sp.Subpaths) > 200 {
		t.Fatalf("total %d, %d subpaths (limit clamps to 200)", sp.Total, len(sp.Subpaths))
	}
	for i, s := range sp.Subpaths {
		if s.Hops < 2 || s.Hops > 3 || s.Count > sp.Total || i > 0 && s.Count > sp.Subpaths[i-1].Count {
			t.Fatalf("subpath %d: %+v (total %d)", i, s, sp.Total)
		}
	}
}

func TestAcceptance_Distance(t *testing.T) {
	f := newFixture(t)
	var d struct {
		Summary struct {
			TotalHops int     `json:"totalHops"`
			MaxDist   float64 `json:"maxDist"`
		} `json:"summary"`
		TopHops []struct {
			Dist float64 `json:"dist"`
			Type string  `json:"type"`
		} `json:"topHops"`
		CatStats map[string]struct {
			Count int `json:"count"`
		} `json:"catStats"`
	}
	f.getJSON(t, "/api/analytics/distance", &d)
	if d.Summary.TotalHops == 0 || len(d.TopHops) == 0 || d.TopHops[0].Dist != d.Summary.MaxDist {
		t.Fatalf("summary %+v, first top hop %+v", d.Summary, d.TopHops)
	}
	n := 0
	for _, c := range d.CatStats {
		n += c.Count
	}
	if n != d.Summary.TotalHops {
		t.Fatalf("category counts %d, want %d", n, d.Summary.TotalHops)
	}
	if km := analytics.HaversineKm(37.7749, -122.4194, 34.0522, -118.2437); km < 550 || km > 570 {
		t.Fatalf("SF–LA %.1f km, want ~559", km)
	}
}

func TestAcceptance_RelayAirtimeShare(t *testing.T) {
	f := newFixture(t)
	var a struct {
		Rows []struct {
			Count      int64   `json:"count"`
			Score      int64   `json:"score"`
			AirtimePct float64 `json:"airtime_pct"`
		} `json:"rows"`
		TotalCount int64 `json:"total_count"`
		TotalScore int64 `json:"total_score"`
		Preset     struct {
			SF int `json:"sf"`
		} `json:"preset"`
	}
	f.getJSON(t, "/api/analytics/relay-airtime-share", &a)
	var c, sc int64
	pct := 0.0
	for _, r := range a.Rows {
		c, sc, pct = c+r.Count, sc+r.Score, pct+r.AirtimePct
	}
	if a.TotalCount == 0 || c != a.TotalCount || sc != a.TotalScore || pct < 99.9 || pct > 100.1 || a.Preset.SF != 8 {
		t.Fatalf("rows sum %d/%d (%.2f%%), totals %d/%d, sf %d", c, sc, pct, a.TotalCount, a.TotalScore, a.Preset.SF)
	}
}

func TestAcceptance_SubpathsBulkAndDetail(t *testing.T) {
	f := newFixture(t)
	var single struct {
		Subpaths []Subpath `json:"subpaths"`
		Total    int       `json:"totalPaths"`
	}
	f.getJSON(t, "/api/analytics/subpaths?minLen=2&maxLen=2&limit=5", &single)
	var bulk struct {
		Results []struct {
			Subpaths []Subpath `json:"subpaths"`
			Total    int       `json:"totalPaths"`
		} `json:"results"`
	}
	f.getJSON(t, "/api/analytics/subpaths-bulk?groups=2-2:5,3-3:5", &bulk)
	if len(bulk.Results) != 2 || len(bulk.Results[0].Subpaths) != len(single.Subpaths) || bulk.Results[0].Total != single.Total {
		t.Fatalf("bulk %+v vs single %+v", bulk.Results, single)
	}
	for i := range single.Subpaths {
		if bulk.Results[0].Subpaths[i].Path != single.Subpaths[i].Path || bulk.Results[0].Subpaths[i].Count != single.Subpaths[i].Count {
			t.Fatalf("group 0 row %d differs", i)
		}
	}
	top := single.Subpaths[0]
	var d struct {
		TotalMatches int   `json:"totalMatches"`
		Hours        []int `json:"hourDistribution"`
	}
	f.getJSON(t, "/api/analytics/subpath-detail?hops="+strings.Join(top.RawHops, ","), &d)
	sum := 0
	for _, h := range d.Hours {
		sum += h
	}
	if d.TotalMatches != top.Count || sum != top.Count || len(d.Hours) != 24 {
		t.Fatalf("detail matches %d, hours %d, want %d", d.TotalMatches, sum, top.Count)
	}
	var e struct {
		Error string `json:"error"`
	}
	f.getJSON(t, "/api/analytics/subpaths-bulk?groups=1-2:5", &e)
	if !strings.HasPrefix(e.Error, "invalid group") {
		t.Fatalf("bad group: %q", e.Error)
	}
	f.getJSON(t, "/api/analytics/subpath-detail?hops=ab", &e)
	if e.Error != "Need at least 2 hops" {
		t.Fatalf("one hop: %q", e.Error)
	}
}

func TestAcceptance_HashCollisions(t *testing.T) {
	f := newFixture(t)
	var hc struct {
		BySize map[string]struct {
			Stats struct {
				NodesForByte   int `json:"nodes_for_byte"`
				UniquePrefixes int `json:"unique_prefixes"`
				CollisionCount int `json:"collision_count"`
			} `json:"stats"`
			Collisions []struct {
				Prefix string  `json:"prefix"`
				Nodes  []CNode `json:"nodes"`
			} `json:"collisions"`
		} `json:"by_size"`
	}
	f.getJSON(t, "/api/analytics/hash-collisions", &hc)
	want := dbCount(t, f.dbPath, "SELECT count(*) FROM (SELECT upper(substr(public_key,1,2)) p FROM nodes WHERE role='repeater' GROUP BY p HAVING count(*) > 1)")
	one := hc.BySize["1"]
	if one.Stats.CollisionCount != want || len(one.Collisions) != want {
		t.Fatalf("1-byte collisions %d (%d rows), want %d", one.Stats.CollisionCount, len(one.Collisions), want)
	}
	for _, c := range one.Collisions {
		for _, n := range c.Nodes {
			if !strings.EqualFold(n.PublicKey[:2], c.Prefix) {
				t.Fatalf("node %s listed under prefix %s", n.PublicKey, c.Prefix)
			}
		}
	}
}
