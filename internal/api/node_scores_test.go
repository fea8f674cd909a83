package api_test

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/testutil"
)

// scoresNow is seven days after 17:00 on the fixture's day: the 7-day window of
// hash_size and flood_advert_count_7d then keeps the adverts of its last ~70 minutes
// only (63 of 102), so a count over every advert would fail.
var scoresNow = time.Date(2026, 5, 24, 17, 0, 0, 0, time.UTC)

type scoredNode struct {
	PublicKey          string   `json:"public_key"`
	Role               *string  `json:"role"`
	HashSize           *int     `json:"hash_size"`
	MultiByteStatus    *string  `json:"multi_byte_status"`
	MultiByteEvidence  *string  `json:"multi_byte_evidence"`
	MultiByteMax       *int     `json:"multi_byte_max_hash_size"`
	Traffic            *float64 `json:"traffic_share_score"`
	Bridge             *float64 `json:"bridge_score"`
	Coverage           *float64 `json:"coverage_score"`
	Redundancy         *float64 `json:"redundancy_score"`
	Score              *float64 `json:"usefulness_score"`
	Grade              *string  `json:"usefulness_grade"`
	RelayWindowHours   *float64 `json:"relay_window_hours"`
	FloodAdvertCount7d *int     `json:"flood_advert_count_7d"`
}

func scoresGet(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

// sqlPathHashSize reads the path-length byte straight from raw_hex (after the header
// and, for transport routes, the four transport-code bytes): hash size = top two
// bits + 1. ok is false for zero-hop direct packets (size unknown) and size 4.
func sqlPathHashSize(rawHex string, route int) (int, bool) {
	off := 2
	if route == 0 || route == 3 {
		off = 10
	}
	if len(rawHex) < off+2 {
		return 0, false
	}
	b, err := strconv.ParseUint(rawHex[off:off+2], 16, 8)
	if err != nil || (route == 2 || route == 3) && b&0x3F == 0 {
		return 0, false
	}
	hs := int(b>>6) + 1
	return hs, hs <= 3
}

// TestNodeScores_FixtureAgainstSQL checks the node facts of every fixture node against
// SQL over the same database: flood_advert_count_7d, hash_size (newest advert of the
// last 7 days), multi-byte status, traffic share; and the composite and grade of the
// two best repeaters recomputed by the documented formula.
func TestNodeScores_FixtureAgainstSQL(t *testing.T) {
	srv := testutil.NewTestServer(t, func(o *api.Options) { o.Now = func() time.Time { return scoresNow } })
	db := srv.WriterDB
	cutoff := scoresNow.Add(-7 * 24 * time.Hour).Format("2006-01-02T15:04:05Z")

	wantFlood := map[string]int{}
	wantHash := map[string]int{}  // newest in-window advert's size
	advertMax := map[string]int{} // largest advert size, any age
	rows, err := db.Query(`SELECT lower(from_pubkey), raw_hex, route_type, first_seen FROM transmissions
		WHERE payload_type = 4 AND from_pubkey IS NOT NULL ORDER BY first_seen DESC, id DESC`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var pk, raw, seen string
		var route int
		if err := rows.Scan(&pk, &raw, &route, &seen); err != nil {
			t.Fatal(err)
		}
		inWindow := seen > cutoff
		if inWindow && (route == 0 || route == 1) {
			wantFlood[pk]++
		}
		if hs, ok := sqlPathHashSize(raw, route); ok {
			advertMax[pk] = max(advertMax[pk], hs)
			if _, done := wantHash[pk]; inWindow && !done {
				wantHash[pk] = hs
			}
		}
	}
	rows.Close()
	var total, inWin int
	for _, n := range wantFlood {
		inWin += n
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM transmissions WHERE payload_type = 4 AND route_type IN (0, 1)`).Scan(&total); err != nil {
		t.Fatal(err)
	}
	if inWin == 0 || inWin == total {
		t.Fatalf("window does not bite: %d of %d flood adverts in it", inWin, total)
	}

	// Suspected multi-byte: a 2- or 3-byte hop (non-TRACE) equal to the key's prefix.
	suspect := map[string]int{}
	rows, err = db.Query(`SELECT lower(n.public_key), MAX(length(h.value) / 2) FROM nodes n,
		observations o JOIN transmissions t ON t.id = o.transmission_id, json_each(o.path_json) h
		WHERE (t.payload_type IS NULL OR t.payload_type != 9) AND length(h.value) IN (4, 6)
		  AND substr(lower(n.public_key), 1, length(h.value)) = lower(h.value)
		GROUP BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var pk string
		var n int
		if err := rows.Scan(&pk, &n); err != nil {
			t.Fatal(err)
		}
		suspect[pk] = n
	}
	rows.Close()

	// Traffic share: distinct non-advert transmissions with the node as a resolved hop,
	// over distinct non-advert transmissions heard.
	var heard int
	if err := db.QueryRow(`SELECT COUNT(DISTINCT o.transmission_id) FROM observations o JOIN transmissions t ON t.id = o.transmission_id
		WHERE t.payload_type IS NULL OR t.payload_type != 4`).Scan(&heard); err != nil {
		t.Fatal(err)
	}
	relayed := map[string]int{}
	rows, err = db.Query(`SELECT lower(r.value), COUNT(DISTINCT o.transmission_id) FROM observations o
		JOIN transmissions t ON t.id = o.transmission_id, json_each(o.resolved_path) r
		WHERE (t.payload_type IS NULL OR t.payload_type != 4) AND r.value IS NOT NULL GROUP BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var pk string
		var n int
		if err := rows.Scan(&pk, &n); err != nil {
			t.Fatal(err)
		}
		relayed[pk] = n
	}
	rows.Close()

	var list struct{ Nodes []scoredNode }
	scoresGet(t, srv.URL+"/api/nodes?limit=2000", &list)
	if len(list.Nodes) < 190 {
		t.Fatalf("only %d nodes listed", len(list.Nodes))
	}
	var confirmed, suspected, graded int
	maxTraffic := 0.0
	var relays []scoredNode
	for _, n := range list.Nodes {
		pk := strings.ToLower(n.PublicKey)
		// hash_size
		if h, ok := wantHash[pk]; ok != (n.HashSize != nil) || ok && *n.HashSize != h {
			t.Errorf("%s hash_size = %v, SQL %d (present %v)", pk[:8], n.HashSize, h, ok)
		}
		// multi-byte
		wantStatus, wantEv, wantMax := "unknown", "", max(1, advertMax[pk])
		switch {
		case advertMax[pk] >= 2:
			wantStatus, wantEv = "confirmed", "advert"
			confirmed++
		case suspect[pk] >= 2:
			wantStatus, wantEv, wantMax = "suspected", "path", suspect[pk]
			suspected++
		}
		if n.MultiByteStatus == nil || *n.MultiByteStatus != wantStatus || *n.MultiByteEvidence != wantEv || *n.MultiByteMax != wantMax {
			t.Errorf("%s multi-byte = %v/%v/%v, SQL %s/%q/%d", pk[:8], scoresDeref(n.MultiByteStatus), scoresDeref(n.MultiByteEvidence), n.MultiByteMax, wantStatus, wantEv, wantMax)
		}
		role := strings.ToLower(scoresDeref(n.Role))
		if role != "repeater" && role != "room" {
			if n.Score != nil || n.Grade != nil {
				t.Errorf("%s (%s) has usefulness fields", pk[:8], role)
			}
			continue
		}
		share := float64(relayed[pk]) / float64(heard)
		maxTraffic = math.Max(maxTraffic, share)
		if n.Traffic == nil || math.Abs(*n.Traffic-share) > 5e-5 {
			t.Errorf("%s traffic_share_score = %v, SQL %d/%d", pk[:8], n.Traffic, relayed[pk], heard)
		}
		if n.Grade != nil {
			graded++
		}
		relays = append(relays, n)
	}
	if confirmed == 0 || suspected == 0 || graded != len(relays) {
		t.Fatalf("fixture coverage: %d confirmed, %d suspected, %d of %d relays graded", confirmed, suspected, graded, len(relays))
	}
	// The two highest composites, recomputed: 0.30·bridge + 0.25·coverage +
	// 0.25·redundancy + 0.20·traffic/max traffic; A ≥ .65, B ≥ .45, C ≥ .30, D ≥ .15.
	best := [2]*scoredNode{}
	for i := range relays {
		n := &relays[i]
		switch {
		case best[0] == nil || *n.Score > *best[0].Score:
			best[1], best[0] = best[0], n
		case best[1] == nil || *n.Score > *best[1].Score:
			best[1] = n
		}
	}
	for _, n := range best {
		want := 0.30**n.Bridge + 0.25**n.Coverage + 0.25**n.Redundancy + 0.20*(float64(relayed[strings.ToLower(n.PublicKey)])/float64(heard))/maxTraffic
		if math.Abs(*n.Score-want) > 3e-4 {
			t.Errorf("%s usefulness_score = %v, formula gives %.4f", n.PublicKey[:8], *n.Score, want)
		}
		grade := "F"
		for _, b := range []struct {
			floor float64
			g     string
		}{{0.15, "D"}, {0.30, "C"}, {0.45, "B"}, {0.65, "A"}} {
			if want >= b.floor {
				grade = b.g
			}
		}
		if *n.Grade != grade {
			t.Errorf("%s grade %s, want %s for %.4f", n.PublicKey[:8], *n.Grade, grade, want)
		}
		if *n.Bridge+*n.Coverage+*n.Redundancy == 0 {
			t.Errorf("%s: best node has no structural score", n.PublicKey[:8])
		}
	}

	// Detail-only fields, for every repeater and a few others.
	checked := 0
	for _, n := range list.Nodes {
		pk := strings.ToLower(n.PublicKey)
		role := strings.ToLower(scoresDeref(n.Role))
		if role != "repeater" && role != "room" && wantFlood[pk] == 0 && checked%5 != 0 {
			continue
		}
		checked++
		var d struct{ Node scoredNode }
		scoresGet(t, srv.URL+"/api/nodes/"+pk, &d)
		if d.Node.FloodAdvertCount7d == nil || *d.Node.FloodAdvertCount7d != wantFlood[pk] {
			t.Errorf("%s flood_advert_count_7d = %v, SQL %d", pk[:8], d.Node.FloodAdvertCount7d, wantFlood[pk])
		}
		isRelay := role == "repeater" || role == "room"
		if isRelay != (d.Node.RelayWindowHours != nil) || isRelay && *d.Node.RelayWindowHours != 24 {
			t.Errorf("%s (%s) relay_window_hours = %v", pk[:8], role, d.Node.RelayWindowHours)
		}
		if isRelay && (d.Node.Grade == nil || *d.Node.Grade != scoresDeref(n.Grade)) {
			t.Errorf("%s detail grade %v, list %v", pk[:8], d.Node.Grade, n.Grade)
		}
	}
	if checked < 150 {
		t.Fatalf("only %d details checked", checked)
	}
	if list.Nodes[0].FloodAdvertCount7d != nil {
		t.Error("flood_advert_count_7d is detail only")
	}
}

func scoresDeref[T any](p *T) T {
	var z T
	if p != nil {
		z = *p
	}
	return z
}
