package api

import (
	"database/sql"
	"encoding/json"
	"github.com/corescope/corescope/internal/analytics"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/schema"
)

// fixtureNow is an hour after the fixture's newest transmission (2026-05-17T18:13:27Z).
var fixtureNow = time.Date(2026, 5, 17, 19, 13, 27, 0, time.UTC)

// analyticsSamples are the contract-test calls for the issue-#7 routes.
func analyticsSamples(pk, oid string) map[string][]sampleCall {
	return map[string][]sampleCall{
		"GET /api/nodes/{pubkey}/clock-skew": {{path: "/api/nodes/" + pk + "/clock-skew", params: map[string]string{"pubkey": pk}},
			{path: "/api/nodes/00/clock-skew", params: map[string]string{"pubkey": "00"}, status: 404}},
		"GET /api/nodes/{pubkey}/battery": {{path: "/api/nodes/" + pk + "/battery?days=30", params: map[string]string{"pubkey": pk}},
			{path: "/api/nodes/00/battery", params: map[string]string{"pubkey": "00"}, status: 404}},
		"GET /api/observers/{id}/metrics": {{path: "/api/observers/" + oid + "/metrics?resolution=1h", params: map[string]string{"id": oid}},
			{path: "/api/observers/" + oid + "/metrics?resolution=2m", params: map[string]string{"id": oid}, status: 400}},
		"GET /api/observers/metrics/summary": {{path: "/api/observers/metrics/summary?window=7d"}, {path: "/api/observers/metrics/summary?window=x", status: 400}},
		"GET /api/scope-stats":               {{path: "/api/scope-stats?window=7d"}, {path: "/api/scope-stats?window=2d", status: 400}},
		"POST /api/paths/inspect": {{path: "/api/paths/inspect", body: `{"prefixes":["` + pk[:2] + `"]}`},
			{path: "/api/paths/inspect", body: `{"prefixes":["a"]}`, status: 400}, {path: "/api/paths/inspect", body: `{`, status: 400}},
	}
}

// writeFixture opens the fixture copy for writing (test setup only).
func writeFixture(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func exec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func TestAnalytics_RolesMatchSQL(t *testing.T) {
	f := newFixture(t)
	var got struct {
		TotalNodes int
		Roles      []RoleStat
	}
	f.getJSON(t, "/api/analytics/roles", &got)
	if want := dbCount(t, f.dbPath, "SELECT count(*) FROM nodes"); got.TotalNodes != want {
		t.Fatalf("totalNodes %d, want %d", got.TotalNodes, want)
	}
	for _, r := range got.Roles {
		if want := dbCount(t, f.dbPath, "SELECT count(*) FROM nodes WHERE coalesce(nullif(lower(role),''),'unknown') = '"+r.Role+"'"); r.NodeCount != want {
			t.Errorf("role %s: %d nodes, want %d", r.Role, r.NodeCount, want)
		}
		if sev := r.OKCount + r.WarningCount + r.CriticalCount + r.AbsurdCount + r.NoClockCount; sev != r.WithSkew || r.WithSkew > r.NodeCount {
			t.Errorf("role %s: severities %d, withSkew %d, nodes %d", r.Role, sev, r.WithSkew, r.NodeCount)
		}
	}
	if len(got.Roles) < 2 || got.Roles[0].NodeCount < got.Roles[1].NodeCount {
		t.Fatalf("roles not sorted by node count: %+v", got.Roles)
	}
}

func TestAnalytics_ClockSkewMatchesSQL(t *testing.T) {
	f := newFixture(t)
	var list []NodeClockSkew
	f.getJSON(t, "/api/nodes/clock-skew", &list)
	if len(list) == 0 {
		t.Fatal("no clock skew rows on the fixture")
	}
	want := dbCount(t, f.dbPath, `SELECT count(DISTINCT lower(json_extract(decoded_json,'$.pubKey'))) FROM transmissions t
		WHERE payload_type=4 AND json_extract(decoded_json,'$.timestamp') > 0 AND EXISTS (SELECT 1 FROM observations o WHERE o.transmission_id=t.id AND o.observer_idx IS NOT NULL)`)
	if len(list) != want {
		t.Fatalf("%d nodes with skew, want %d", len(list), want)
	}
	for _, n := range list[:min(5, len(list))] {
		q := `FROM transmissions t WHERE payload_type=4 AND lower(json_extract(decoded_json,'$.pubKey'))='` + n.Pubkey + `'
			AND EXISTS (SELECT 1 FROM observations o WHERE o.transmission_id=t.id AND o.observer_idx IS NOT NULL)`
		if c := dbCount(t, f.dbPath, "SELECT count(*) "+q); n.SampleCount != c {
			t.Errorf("%s: %d samples, want %d", n.Pubkey, n.SampleCount, c)
		}
		if ts := dbCount(t, f.dbPath, "SELECT max(json_extract(decoded_json,'$.timestamp')) "+q); n.LastAdvertTS != int64(ts) {
			t.Errorf("%s: lastAdvertTS %d, want %d", n.Pubkey, n.LastAdvertTS, ts)
		}
		if n.Samples != nil || n.Severity != analytics.SkewSeverity(n.RecentMedianSkewSec) && n.Severity != "bimodal_clock" {
			t.Errorf("%s: fleet row carries samples or wrong severity %q", n.Pubkey, n.Severity)
		}
		var one NodeClockSkew
		f.getJSON(t, "/api/nodes/"+n.Pubkey+"/clock-skew", &one)
		if len(one.Samples) != n.SampleCount || one.CalibrationSummary == nil || one.CalibrationSummary.TotalSamples < n.SampleCount {
			t.Errorf("%s: detail has %d samples, calibration %+v", n.Pubkey, len(one.Samples), one.CalibrationSummary)
		}
	}
	// Observer offsets: one sample per observation of a packet heard by >= 2 observations.
	var obs []ObserverOffset
	f.getJSON(t, "/api/observers/clock-skew", &obs)
	total := 0
	for _, o := range obs {
		total += o.Samples
	}
	if want := dbCount(t, f.dbPath, `SELECT count(*) FROM observations o WHERE observer_idx IS NOT NULL AND
		(SELECT count(*) FROM observations x WHERE x.transmission_id=o.transmission_id AND x.observer_idx IS NOT NULL) >= 2`); total != want {
		t.Fatalf("observer offset samples %d, want %d", total, want)
	}
}

func TestSkewSeverity_Bands(t *testing.T) {
	for sec, want := range map[float64]string{0: "ok", -299: "ok", 300: "warning", 3599: "warning", -3600: "critical",
		29 * 86400: "critical", 31 * 86400: "absurd", -400 * 86400: "no_clock"} {
		if got := analytics.SkewSeverity(sec); got != want {
			t.Errorf("analytics.SkewSeverity(%v) = %s, want %s", sec, got, want)
		}
	}
}

func TestAnalytics_ScopeStatsMatchSQL(t *testing.T) {
	f := newFixture(t, func(o *Options) {
		o.Now = func() time.Time { return fixtureNow }
		db := writeFixture(t, o.DBPath)
		exec(t, db, `UPDATE transmissions SET route_type=0, scope_name='#eu' WHERE id IN (SELECT id FROM transmissions ORDER BY id LIMIT 7)`)
		exec(t, db, `UPDATE transmissions SET route_type=3, scope_name='' WHERE id IN (SELECT id FROM transmissions ORDER BY id LIMIT 3 OFFSET 7)`)
		exec(t, db, `UPDATE transmissions SET route_type=0, scope_name=NULL WHERE id IN (SELECT id FROM transmissions ORDER BY id LIMIT 2 OFFSET 10)`)
	})
	var got struct {
		Window   string
		Summary  map[string]int
		ByRegion []struct {
			Name  string
			Count int
		}
		TimeSeries []struct {
			T                string
			Scoped, Unscoped int
		}
	}
	f.getJSON(t, "/api/scope-stats?window=24h", &got)
	s := got.Summary
	// unscoped: the 2 transport packets without a scope code and every non-transport one
	// (parity.md §3).
	other := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE route_type NOT IN (0,3)")
	if s["transportTotal"] != 12 || s["scoped"] != 7 || s["unknownScope"] != 3 || s["unscoped"] != 2+other {
		t.Fatalf("summary %v, want 12 transport = 7 scoped + 3 unknown + 2 unscoped, plus %d non-transport unscoped", s, other)
	}
	if want := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE route_type IN (0,3)"); s["transportTotal"] != want {
		t.Fatalf("transportTotal %d, SQL %d", s["transportTotal"], want)
	}
	if len(got.ByRegion) != 1 || got.ByRegion[0].Name != "#eu" || got.ByRegion[0].Count != 7 {
		t.Fatalf("byRegion %+v", got.ByRegion)
	}
	sum := 0
	for _, b := range got.TimeSeries {
		sum += b.Scoped + b.Unscoped
	}
	// Only the hours holding transport packets are listed.
	hours := dbCount(t, f.dbPath, "SELECT count(DISTINCT substr(first_seen, 1, 13)) FROM transmissions WHERE route_type IN (0,3)")
	if sum != 12 || len(got.TimeSeries) != hours {
		t.Fatalf("time series holds %d packets in %d buckets, want 12 in %d", sum, len(got.TimeSeries), hours)
	}
	f.getJSON(t, "/api/scope-stats?window=1h", &got)
	if want := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE route_type IN (0,3) AND first_seen >= '2026-05-17T18:13:27Z'"); got.Summary["transportTotal"] != want {
		t.Fatalf("1h window counted %d, SQL %d", got.Summary["transportTotal"], want)
	}
}

func TestAnalytics_ObserverMetricsAndBattery(t *testing.T) {
	const oid = "metricsobserver01"
	f := newFixture(t, func(o *Options) {
		o.Now = func() time.Time { return fixtureNow }
		db := writeFixture(t, o.DBPath)
		base := fixtureNow.Add(-2 * time.Hour)
		// tx_air climbs 30 s per 5 min, then resets (reboot) at sample 4.
		for i, v := range []struct{ noise, tx, recv, errs, batt int }{{-110, 100, 1000, 10, 3900}, {-105, 130, 1100, 12, 3890},
			{-100, 160, 1200, 14, 3880}, {-108, 190, 1300, 16, 3870}, {-111, 5, 50, 1, 3250}, {-109, 35, 150, 3, 3240}} {
			exec(t, db, `INSERT INTO observer_metrics (observer_id, timestamp, noise_floor, tx_air_secs, rx_air_secs, recv_errors, battery_mv, packets_sent, packets_recv)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, oid, base.Add(time.Duration(i)*5*time.Minute).Format(time.RFC3339), v.noise, v.tx, v.tx*2, v.errs, v.batt, i, v.recv)
		}
	})
	var m struct {
		Reboots []string
		Metrics []metricPoint
	}
	f.getJSON(t, "/api/observers/"+oid+"/metrics", &m)
	if len(m.Metrics) != 6 || len(m.Reboots) != 1 || !m.Metrics[4].IsRebootSample {
		t.Fatalf("metrics %d, reboots %v, sample 4 reboot %v", len(m.Metrics), m.Reboots, len(m.Metrics) > 4 && m.Metrics[4].IsRebootSample)
	}
	if p := m.Metrics[1]; p.TxAirSecs == nil || *p.TxAirSecs != 30 || p.TxAirtimePct == nil || *p.TxAirtimePct != 10 || p.RecvErrorRate == nil {
		t.Fatalf("sample 1 deltas: %+v", p)
	}
	var hourly struct{ Metrics []metricPoint }
	f.getJSON(t, "/api/observers/"+oid+"/metrics?resolution=1h", &hourly)
	if len(hourly.Metrics) > 2 || len(hourly.Metrics) == 0 {
		t.Fatalf("1h resolution gave %d buckets", len(hourly.Metrics))
	}
	var sum struct{ Observers []metricSummary }
	f.getJSON(t, "/api/observers/metrics/summary?window=1d", &sum)
	if len(sum.Observers) != 1 || sum.Observers[0].SampleCount != dbCount(t, f.dbPath, "SELECT count(*) FROM observer_metrics WHERE observer_id='"+oid+"'") {
		t.Fatalf("summary %+v", sum.Observers)
	}
	o := sum.Observers[0]
	if *o.MaxNoiseFloor24h != float64(dbCount(t, f.dbPath, "SELECT max(noise_floor) FROM observer_metrics")) || *o.CurrentNoiseFloor != -109 || *o.BatteryMv != 3240 {
		t.Fatalf("summary row %+v", o)
	}
	if avg := dbFloat(t, f.dbPath, "SELECT round(avg(noise_floor),2) FROM observer_metrics"); *o.AvgNoiseFloor24h != avg {
		t.Fatalf("avg noise %v, SQL %v", *o.AvgNoiseFloor24h, avg)
	}
	// The observer is not a node but is known, so battery answers from its metrics.
	var b struct {
		Samples  []batterySample
		LatestMv *int64 `json:"latest_mv"`
		Status   string
	}
	code, _, body := f.do(t, http.MethodGet, "/api/nodes/"+oid+"/battery", "", nil)
	if code != 404 {
		t.Fatalf("battery of an unknown id: %d %s", code, body)
	}
	var obs struct{ Observers []ObserverJSON }
	f.getJSON(t, "/api/observers", &obs)
	f.getJSON(t, "/api/nodes/"+obs.Observers[0].ID+"/battery", &b)
	if len(b.Samples) != 0 || b.Status != "unknown" || b.LatestMv != nil {
		t.Fatalf("battery without samples: %+v", b)
	}
}

func dbFloat(t *testing.T, path, q string) float64 {
	t.Helper()
	db, err := sql.Open("sqlite", schema.ReaderDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v float64
	if err := db.QueryRow(q).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

func TestAnalytics_PathsInspect(t *testing.T) {
	f := newFixture(t)
	hops := topRelaySubpath(t, f)
	body, _ := json.Marshal(map[string]any{"prefixes": hops, "limit": 3})
	var got struct {
		Candidates []struct {
			Path     []string
			Score    float64
			Evidence struct {
				PerHop []struct {
					Prefix, Chosen string
				}
			}
		}
		Input struct{ Hops int }
		Stats struct{ BeamWidth int }
	}
	code, _, b := f.do(t, http.MethodPost, "/api/paths/inspect", string(body), nil)
	if code != 200 {
		t.Fatalf("inspect: %d %s", code, b)
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Input.Hops != len(hops) || got.Stats.BeamWidth != 20 || len(got.Candidates) == 0 || len(got.Candidates) > 3 {
		t.Fatalf("inspect answer: %s", b)
	}
	for i, c := range got.Candidates {
		for j, k := range c.Path {
			if !strings.HasPrefix(k, strings.ToLower(hops[j])) || c.Evidence.PerHop[j].Chosen != k {
				t.Fatalf("candidate %d hop %d: %s does not match prefix %s", i, j, k, hops[j])
			}
		}
		if i > 0 && c.Score > got.Candidates[i-1].Score+1e-9 {
			t.Fatalf("candidates not sorted by score: %s", b)
		}
	}
	for body, want := range map[string]string{`{"prefixes":[]}`: "prefixes required", `{"prefixes":["abc"]}`: "prefixes must be even-length hex",
		`{"prefixes":["zz"]}`: "prefixes must be valid hex", `{"prefixes":["aabbccdd"]}`: "prefix exceeds 3 bytes",
		`{"prefixes":["aa","bbcc"]}`: "mixed prefix lengths not allowed"} {
		code, _, b := f.do(t, http.MethodPost, "/api/paths/inspect", body, nil)
		if code != 400 || !strings.Contains(string(b), want) {
			t.Errorf("%s: %d %s, want 400 %q", body, code, b, want)
		}
	}
}

func TestAnalytics_SnapshotsAndWindow(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.Now = func() time.Time { return fixtureNow } })
	_, hdr, first := f.do(t, http.MethodGet, "/api/analytics/rf", "", nil)
	_, hdr2, second := f.do(t, http.MethodGet, "/api/analytics/rf", "", nil)
	if hdr.Get("X-Cache-Age-Seconds") == "" || hdr2.Get("X-Cache-Age-Seconds") == "" || string(first) != string(second) {
		t.Fatal("rf default shape not served from one snapshot")
	}
	before := analyticsBuilds(f.api)
	f.api.RecomputeAnalytics()
	if n := analyticsBuilds(f.api) - before; n != int64(len(warmAnalytics())) {
		t.Fatalf("RecomputeAnalytics published %d snapshots, want %d", n, len(warmAnalytics()))
	}
	var rf struct{ TotalTransmissions int }
	from := "2026-05-17T17:00:00Z"
	f.getJSON(t, "/api/analytics/rf?from="+url.QueryEscape(from), &rf)
	if want := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE first_seen > '"+from+"'"); rf.TotalTransmissions != want || want == 0 {
		t.Fatalf("rf from %s: %d transmissions, SQL %d", from, rf.TotalTransmissions, want)
	}
	f.getJSON(t, "/api/analytics/rf?window=1h", &rf)
	if want := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE first_seen > '2026-05-17T18:13:27Z'"); rf.TotalTransmissions != want {
		t.Fatalf("rf window=1h: %d, SQL %d", rf.TotalTransmissions, want)
	}
	f.getJSON(t, "/api/analytics/rf?window=7d", &rf)
	if rf.TotalTransmissions != 499 {
		t.Fatalf("rf window=7d: %d, want all 499", rf.TotalTransmissions)
	}
}

func TestAnalytics_TopologyReachMatchesSQL(t *testing.T) {
	f := newFixture(t)
	var topo struct {
		PerObserverReach map[string]struct {
			Rings []struct {
				Hops  int
				Nodes []struct{ Count int }
			}
		}
		MultiObsNodes []struct {
			Observers []struct{ MinDist int }
		}
		BestPathList []struct{ MinDist int }
	}
	f.getJSON(t, "/api/analytics/topology", &topo)
	if len(topo.PerObserverReach) == 0 || len(topo.MultiObsNodes) == 0 || len(topo.BestPathList) == 0 {
		t.Fatalf("empty reach views: %d observers, %d multi, %d best", len(topo.PerObserverReach), len(topo.MultiObsNodes), len(topo.BestPathList))
	}
	for id, r := range topo.PerObserverReach {
		sum := 0
		for _, ring := range r.Rings {
			for _, n := range ring.Nodes {
				sum += n.Count
			}
		}
		want := dbCount(t, f.dbPath, `SELECT coalesce(sum(json_array_length(o.path_json)),0) FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
			WHERE ob.id = '`+id+`' AND o.path_json IS NOT NULL AND o.path_json != ''`)
		if sum != want {
			t.Errorf("observer %s: ring counts %d, SQL hops %d", id, sum, want)
		}
	}
	for _, m := range topo.MultiObsNodes {
		if len(m.Observers) < 2 {
			t.Fatalf("multiObsNodes entry with %d observers", len(m.Observers))
		}
	}
}

func TestRunAnalytics_RecomputesUntilCancelled(t *testing.T) {
	f := newFixture(t)
	stop := runAnalytics(t, f.api)
	deadline := time.Now().Add(20 * time.Second)
	for analyticsBuilds(f.api) < int64(len(warmAnalytics())) {
		if time.Now().After(deadline) {
			t.Fatalf("first pass published %d of %d snapshots", analyticsBuilds(f.api), len(warmAnalytics()))
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The default shape is now answered from the published snapshot without a miss.
	misses := f.api.caches.cacheTotals().Misses
	if code, hdr, _ := f.do(t, http.MethodGet, "/api/analytics/roles", "", nil); code != 200 || hdr.Get("X-Cache-Age-Seconds") == "" {
		t.Fatalf("roles after a pass: %d %v", code, hdr)
	}
	if f.api.caches.cacheTotals().Misses != misses {
		t.Fatal("default shape missed the snapshot after RunAnalytics published it")
	}
	stop() // fails the test unless RunAnalytics returns after cancel
}

// topRelaySubpath is the fixture's most common 2-hop sequence whose prefixes both match
// a relaying node (repeater or room, by SQL): only relays are hop candidates.
func topRelaySubpath(t *testing.T, f *fixture) []string {
	t.Helper()
	var sp struct {
		Subpaths []Subpath `json:"subpaths"`
	}
	f.getJSON(t, "/api/analytics/subpaths?minLen=2&maxLen=2&limit=50", &sp)
	relays := func(prefix string) int {
		return dbCount(t, f.dbPath, "SELECT count(*) FROM nodes WHERE lower(public_key) LIKE '"+strings.ToLower(prefix)+
			"%' AND (lower(role) LIKE '%repeater%' OR lower(role) LIKE '%room%')")
	}
	for _, s := range sp.Subpaths {
		if relays(s.RawHops[0]) > 0 && relays(s.RawHops[1]) > 0 {
			return s.RawHops
		}
	}
	t.Fatal("fixture has no 2-hop subpath of relays")
	return nil
}
