package api

import (
	"database/sql"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// Parity tests for the hop-resolution items of parity.md §3. Every expected value is
// an SQL query on the fixture copy or a figure given in parity.md, never the code
// under test.

const node10 = "1000009e310d729534b70faa33a1abe5cd5e45d594f72f786febccbb770b7e74"

// relaySQL matches the nodes that can relay (the only hop candidates).
const relaySQL = "(lower(role) LIKE '%repeater%' OR lower(role) LIKE '%room%')"

// kmBetween is the great-circle distance of two fixture nodes, from their SQL
// coordinates (ok false when either lacks GPS).
func kmBetween(t *testing.T, path, a, b string) (float64, bool) {
	t.Helper()
	var pts [][2]float64
	for _, k := range []string{a, b} {
		fixtureRows(t, path, "SELECT lat, lon FROM nodes WHERE lower(public_key) = '"+k+"' AND lat IS NOT NULL AND lon IS NOT NULL AND (lat <> 0 OR lon <> 0)",
			func(r *sql.Rows) error {
				var p [2]float64
				err := r.Scan(&p[0], &p[1])
				pts = append(pts, p)
				return err
			})
	}
	if len(pts) != 2 {
		return 0, false
	}
	rad := math.Pi / 180
	dLat, dLon := (pts[1][0]-pts[0][0])*rad, (pts[1][1]-pts[0][1])*rad
	h := math.Pow(math.Sin(dLat/2), 2) + math.Cos(pts[0][0]*rad)*math.Cos(pts[1][0]*rad)*math.Pow(math.Sin(dLon/2), 2)
	return 2 * 6371 * math.Asin(math.Sqrt(h)), true
}

// TestParity_TopRepeatersMergePrefixes: "10" and "1000" both name only relay 1000009e…,
// so topRepeaters has one row for it counting every occurrence of either (220 there;
// SQL); a prefix no relay owns ("D6") is a row whose name and pubkey are null, present.
func TestParity_TopRepeatersMergePrefixes(t *testing.T) {
	f := newFixtureAtClock(t, fixtureNow)
	for _, p := range []string{"10", "1000"} {
		if n := dbCount(t, f.dbPath, "SELECT count(*) FROM nodes WHERE lower(public_key) LIKE '"+p+"%' AND "+relaySQL); n != 1 {
			t.Fatalf("fixture: %d relays start with %s, want 1", n, p)
		}
	}
	want := dbCount(t, f.dbPath, "SELECT count(*) FROM observations o, json_each(o.path_json) j WHERE '"+node10+"' LIKE lower(j.value) || '%'")
	wantD6 := dbCount(t, f.dbPath, "SELECT count(*) FROM observations o, json_each(o.path_json) j WHERE lower(j.value) = 'd6'")
	if want != 220 || dbCount(t, f.dbPath, "SELECT count(*) FROM nodes WHERE lower(public_key) LIKE 'd6%' AND "+relaySQL) != 0 {
		t.Fatalf("fixture: %d occurrences of 1000009e's prefixes (parity.md: 220), or a D6 relay exists", want)
	}
	var top struct {
		TopRepeaters []map[string]json.RawMessage `json:"topRepeaters"`
	}
	f.getJSON(t, "/api/analytics/topology", &top)
	var got10, gotD6 map[string]json.RawMessage
	for _, r := range top.TopRepeaters {
		if _, ok := r["name"]; !ok {
			t.Fatalf("row without name key: %v", r)
		}
		if _, ok := r["pubkey"]; !ok {
			t.Fatalf("row without pubkey key: %v", r)
		}
		switch {
		case string(r["pubkey"]) == `"`+node10+`"`:
			if got10 != nil {
				t.Fatal("1000009e has two rows")
			}
			got10 = r
		case string(r["hop"]) == `"D6"`:
			gotD6 = r
		}
	}
	if got10 == nil || string(got10["count"]) != itoa(want) || string(got10["hop"]) != `"10"` {
		t.Fatalf("1000009e row %v, want count %d shown as hop 10", got10, want)
	}
	if gotD6 == nil || string(gotD6["count"]) != itoa(wantD6) || string(gotD6["name"]) != "null" || string(gotD6["pubkey"]) != "null" {
		t.Fatalf("D6 row %v, want count %d with null name and pubkey", gotD6, wantD6)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

type graphAnswer struct {
	Nodes []struct {
		Pubkey string
		Name   *string
		Role   *string
	}
	Edges []struct {
		Source, Target string
		Weight         int
		Score          float64
		Ambiguous      bool
	}
	Stats struct {
		TotalNodes          int `json:"total_nodes"`
		TotalEdges          int `json:"total_edges"`
		RejectedEdgesGeoFar int `json:"rejected_edges_geo_far"`
	}
}

// TestParity_NeighborGraph: with the clock an hour after the fixture, the default shape
// (min_count 5, min_score 0.1) has the 10 edges parity.md gives; score is weight/100
// (35 → 0.35), not relative to the strongest edge; the 35× observer–"8A" edge is kept
// and flagged (SQL: no known relay owns "8A"), as is every edge whose prefix SQL finds
// two or more relays for (several exist); observer-only endpoints are named from
// the observers table with role observer; and no kept edge joins two nodes more than
// 300 km apart, the two receptions that would have (hand-checked: observation 211, an
// advert of 6e3947ae… first relayed by "21" = 219da79d…, and observation 282, heard by
// 219da79d… from "EE" = eeb75b1f…, both ~4,100 km) being counted as rejected.
func TestParity_NeighborGraph(t *testing.T) {
	f := newFixtureAtClock(t, fixtureNow)
	var def graphAnswer
	f.getJSON(t, "/api/analytics/neighbor-graph", &def)
	if def.Stats.TotalEdges != 10 || len(def.Edges) != 10 {
		t.Fatalf("default shape: %d edges, parity.md: 10", len(def.Edges))
	}
	obs8A := dbCount(t, f.dbPath, `SELECT count(*) FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
		WHERE lower(ob.id) LIKE '1f445b75%' AND upper(json_extract(o.path_json, '$[#-1]')) = '8A'`)
	relays8A := dbCount(t, f.dbPath, "SELECT count(*) FROM nodes WHERE lower(public_key) LIKE '8a%' AND "+relaySQL)
	if obs8A != 35 || relays8A != 0 {
		t.Fatalf("fixture: %d receptions via 8A at 1f445b75, %d 8A relays", obs8A, relays8A)
	}
	found := false
	for _, e := range def.Edges {
		if math.Abs(e.Score-float64(e.Weight)/100) > 0.01 {
			t.Errorf("edge %s–%s weight %d score %v, want ≈ weight/100", e.Source, e.Target, e.Weight, e.Score)
		}
		if strings.HasPrefix(e.Source, "1f445b75") && e.Target == "prefix:8a" {
			found = e.Weight == obs8A && e.Score == 0.35 && e.Ambiguous
		}
	}
	if !found {
		t.Fatalf("no ambiguous 1f445b75–prefix:8a edge of weight %d and score 0.35: %+v", obs8A, def.Edges)
	}
	observerName := map[string]string{}
	fixtureRows(t, f.dbPath, "SELECT lower(id), coalesce(name, '') FROM observers WHERE lower(id) NOT IN (SELECT lower(public_key) FROM nodes)",
		func(r *sql.Rows) error {
			var id, name string
			err := r.Scan(&id, &name)
			observerName[id] = name
			return err
		})
	observerOnly := 0
	for _, n := range def.Nodes {
		if name, ok := observerName[n.Pubkey]; ok {
			observerOnly++
			if n.Role == nil || *n.Role != "observer" || n.Name == nil || *n.Name != name {
				t.Errorf("observer-only node %s named %v role %v, want %q observer", n.Pubkey, n.Name, n.Role, name)
			}
		}
	}
	if observerOnly == 0 {
		t.Fatal("no observer-only node in the default shape")
	}
	var all graphAnswer
	f.getJSON(t, "/api/analytics/neighbor-graph?min_count=1&min_score=0", &all)
	shared := 0
	for _, e := range all.Edges {
		if p, ok := strings.CutPrefix(e.Target, "prefix:"); ok {
			n := dbCount(t, f.dbPath, "SELECT count(*) FROM nodes WHERE lower(public_key) LIKE '"+p+"%' AND "+relaySQL)
			if n == 1 || !e.Ambiguous {
				t.Errorf("prefix edge %s–%s ambiguous=%v but SQL finds %d relays", e.Source, e.Target, e.Ambiguous, n)
			}
			if n > 1 {
				shared++
			}
		}
		if d, ok := kmBetween(t, f.dbPath, e.Source, e.Target); ok && d > 300 {
			t.Errorf("edge %s–%s is %.0f km long", e.Source, e.Target, d)
		}
	}
	if shared == 0 {
		t.Fatal("no edge kept for a prefix several relays share")
	}
	for _, p := range [][2]string{{"6e3947ae", "219da79d"}, {"219da79d", "eeb75b1f"}} {
		var keys []string
		for _, k := range p {
			fixtureRows(t, f.dbPath, "SELECT lower(public_key) FROM nodes WHERE lower(public_key) LIKE '"+k+"%'", func(r *sql.Rows) error {
				var s string
				err := r.Scan(&s)
				keys = append(keys, s)
				return err
			})
		}
		if d, ok := kmBetween(t, f.dbPath, keys[0], keys[1]); !ok || d < 300 {
			t.Fatalf("fixture: %v are %.0f km apart", keys, d)
		}
	}
	if all.Stats.RejectedEdgesGeoFar != 2 {
		t.Fatalf("rejected_edges_geo_far %d, want 2", all.Stats.RejectedEdgesGeoFar)
	}
}

// TestParity_NodeNeighbors: 1000009e…'s neighbours carry the hop that established each
// edge — its own hop id "10" or "1000" — their counts by hop size, the distance when
// both ends have GPS (from the SQL coordinates), and lower-case observer ids.
func TestParity_NodeNeighbors(t *testing.T) {
	f := newFixtureAtClock(t, fixtureNow)
	var got struct {
		Neighbors []struct {
			Pubkey       *string
			Prefix       string
			Count        int
			CountsByMode map[string]int `json:"counts_by_mode"`
			DistanceKm   *float64       `json:"distance_km"`
			Observers    []string
		}
	}
	f.getJSON(t, "/api/nodes/"+node10+"/neighbors", &got)
	if len(got.Neighbors) == 0 {
		t.Fatal("no neighbours")
	}
	observers := map[string]bool{}
	fixtureRows(t, f.dbPath, "SELECT lower(id) FROM observers", func(r *sql.Rows) error {
		var id string
		err := r.Scan(&id)
		observers[id] = true
		return err
	})
	// SQL: 9dc3e069… heard "10" as the last hop 4 times (the 1-byte mode), never "1000".
	direct := dbCount(t, f.dbPath, `SELECT count(*) FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
		WHERE lower(ob.id) LIKE '9dc3e069%' AND upper(json_extract(o.path_json, '$[#-1]')) = '10'`)
	seen9d := false
	for _, n := range got.Neighbors {
		if n.Prefix != "10" && n.Prefix != "1000" {
			t.Errorf("neighbour %v prefix %q, want the queried node's hop id", n.Pubkey, n.Prefix)
		}
		sum := 0
		for _, c := range n.CountsByMode {
			sum += c
		}
		if sum != n.Count || n.CountsByMode[itoa(len(n.Prefix)/2)] == 0 {
			t.Errorf("neighbour %v counts_by_mode %v, count %d", n.Pubkey, n.CountsByMode, n.Count)
		}
		for _, o := range n.Observers {
			if o != strings.ToLower(o) || !observers[o] {
				t.Errorf("observer id %q is not a lower-case fixture observer", o)
			}
		}
		if n.Pubkey == nil {
			continue
		}
		want, ok := kmBetween(t, f.dbPath, node10, *n.Pubkey)
		if ok != (n.DistanceKm != nil) || ok && math.Abs(*n.DistanceKm-want) > 0.01 {
			t.Errorf("neighbour %s distance %v, want %.2f (gps %v)", *n.Pubkey, n.DistanceKm, want, ok)
		}
		if strings.HasPrefix(*n.Pubkey, "9dc3e069") {
			seen9d = true
			if n.Count != direct || n.CountsByMode["1"] != direct {
				t.Errorf("9dc3e069 count %d by mode %v, SQL %d", n.Count, n.CountsByMode, direct)
			}
		}
	}
	if !seen9d || direct != 4 {
		t.Fatalf("9dc3e069 missing (SQL count %d)", direct)
	}
}

// TestParity_Subpaths: totalPaths is the transmissions with at least 2 hops (371 there;
// SQL), hops are lower case as stored, and a hop is named by its prefix's best match —
// the one relay SQL finds for it, or the hop itself when none — the same in every path.
func TestParity_Subpaths(t *testing.T) {
	f := newFixtureAtClock(t, fixtureNow)
	want := dbCount(t, f.dbPath, `SELECT count(*) FROM (SELECT transmission_id, max(json_array_length(path_json)) m
		FROM observations GROUP BY transmission_id) WHERE m >= 2`)
	if want != 371 {
		t.Fatalf("fixture: %d paths of 2+ hops, parity.md: 371", want)
	}
	var got struct {
		Subpaths []Subpath `json:"subpaths"`
		Total    int       `json:"totalPaths"`
	}
	f.getJSON(t, "/api/analytics/subpaths?limit=200", &got)
	if got.Total != want {
		t.Fatalf("totalPaths %d, want %d", got.Total, want)
	}
	names := map[string]string{}
	for _, s := range got.Subpaths {
		parts := strings.Split(s.Path, " → ")
		for i, h := range s.RawHops {
			if h != strings.ToLower(h) {
				t.Fatalf("hop %q not lower case", h)
			}
			if prev, ok := names[h]; ok && prev != parts[i] {
				t.Fatalf("hop %s named %q and %q", h, prev, parts[i])
			}
			names[h] = parts[i]
		}
	}
	for h, name := range names {
		var relays []string
		fixtureRows(t, f.dbPath, "SELECT coalesce(name, '') FROM nodes WHERE lower(public_key) LIKE '"+h+"%' AND "+relaySQL, func(r *sql.Rows) error {
			var n string
			err := r.Scan(&n)
			relays = append(relays, n)
			return err
		})
		switch {
		case len(relays) == 0 && name != h:
			t.Errorf("hop %s matches no relay but is named %q", h, name)
		case len(relays) == 1 && relays[0] != "" && name != relays[0]:
			t.Errorf("hop %s named %q, its only relay is %q", h, name, relays[0])
		}
	}
}

// TestParity_HashSizes: without a region attribution is by observer; topHops counts
// every occurrence of a hop in every observation (195 for "10" there; SQL);
// distributionByRepeaters is present; multiByteCapability has one entry per node, the
// 21 nodes whose own adverts used a 2–3 byte hash (SQL on the header's path byte)
// confirmed.
func TestParity_HashSizes(t *testing.T) {
	f := newFixtureAtClock(t, fixtureNow)
	var got struct {
		AttributionMethod       string         `json:"attributionMethod"`
		DistributionByRepeaters map[string]int `json:"distributionByRepeaters"`
		TopHops                 []struct {
			Hex   string
			Count int
		} `json:"topHops"`
		MultiByteCapability []struct {
			Pubkey, Status, Evidence string
		} `json:"multiByteCapability"`
	}
	f.getJSON(t, "/api/analytics/hash-sizes", &got)
	if got.AttributionMethod != "observer" {
		t.Fatalf("attributionMethod %q, want observer", got.AttributionMethod)
	}
	if len(got.DistributionByRepeaters) != 3 {
		t.Fatalf("distributionByRepeaters %v", got.DistributionByRepeaters)
	}
	want10 := dbCount(t, f.dbPath, "SELECT count(*) FROM observations o, json_each(o.path_json) j WHERE upper(j.value) = '10'")
	if want10 != 195 || len(got.TopHops) == 0 || got.TopHops[0].Hex != "10" || got.TopHops[0].Count != want10 {
		t.Fatalf("topHops[0] %+v, want 10 × %d (parity.md: 195)", got.TopHops, want10)
	}
	confirmed := map[string]bool{}
	fixtureRows(t, f.dbPath, `WITH tx AS (SELECT decoded_json, raw_hex, (instr('0123456789ABCDEF', upper(substr(raw_hex, 2, 1))) - 1) & 3 AS rt
			FROM transmissions WHERE payload_type = 4),
		sz AS (SELECT lower(json_extract(decoded_json, '$.pubKey')) AS pk,
			((instr('0123456789ABCDEF', upper(substr(raw_hex, CASE WHEN rt IN (0, 3) THEN 11 ELSE 3 END, 1))) - 1) >> 2) + 1 AS hs FROM tx)
		SELECT DISTINCT pk FROM sz WHERE hs >= 2 AND pk IN (SELECT lower(public_key) FROM nodes)`, func(r *sql.Rows) error {
		var pk string
		err := r.Scan(&pk)
		confirmed[pk] = true
		return err
	})
	nodes := dbCount(t, f.dbPath, "SELECT count(*) FROM nodes")
	if len(got.MultiByteCapability) != nodes || len(confirmed) != 21 {
		t.Fatalf("%d capability entries for %d nodes; SQL finds %d confirmed", len(got.MultiByteCapability), nodes, len(confirmed))
	}
	seen := map[string]bool{}
	for _, c := range got.MultiByteCapability {
		if seen[c.Pubkey] {
			t.Fatalf("node %s listed twice", c.Pubkey)
		}
		seen[c.Pubkey] = true
		if (c.Status == "confirmed") != confirmed[c.Pubkey] || c.Status == "confirmed" && c.Evidence != "advert" {
			t.Errorf("node %s: %s/%s, SQL confirmed %v", c.Pubkey, c.Status, c.Evidence, confirmed[c.Pubkey])
		}
	}
}
