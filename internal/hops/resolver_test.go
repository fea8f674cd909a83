package hops

import (
	"math"
	"testing"
	"time"
)

var now = time.Date(2026, 5, 17, 19, 13, 27, 0, time.UTC)

// TestChoose_Rules walks every rule with distances and counts worked out by hand:
// aa01/aa02 are ~1.3 km apart near ctx1, aa03 is ~260 km away.
func TestChoose_Rules(t *testing.T) {
	nodes := []Node{
		{Key: "AA01", Relay: true, Lat: 50.005, Lon: 4.005, HasGPS: true, Adverts: 1},
		{Key: "aa02", Relay: true, Lat: 50.01, Lon: 4.01, HasGPS: true, Adverts: 1, LastSeen: now},
		{Key: "aa03", Relay: true, Lat: 52, Lon: 6, HasGPS: true, Adverts: 9},
		{Key: "cc01", Relay: true, Lat: 50.02, Lon: 4.02, HasGPS: true},
	}
	links := []Link{{A: "cc01", B: "AA03", Score: 0.9}, {A: "cc01", B: "aa01", Score: 0.1}}
	r := NewResolver(nodes, links, now)
	if ch := r.Choose("aa", []string{"cc01"}); ch.Rule != RuleAffinity || ch.Key != "aa03" || ch.Score != 0.9 {
		t.Fatalf("affinity: %+v", ch)
	}
	r = NewResolver(nodes, nil, now)
	// aa02 is nearest to cc01 but aa01 is almost as near: geography cannot decide; aa03
	// has clearly the most adverts (9 ≥ 2×1).
	if ch := r.Choose("aa", []string{"cc01"}); ch.Rule != RuleAdverts || ch.Key != "aa03" {
		t.Fatalf("advert fallback: %+v", ch)
	}
	pair := NewResolver(nodes[:2], nil, now)
	if ch := pair.Choose("aa0", []string{"cc01"}); !ch.Ambiguous() || ch.Key != "" || ch.Guess != "aa02" || ch.Score != 0.5 || len(ch.Candidates) != 2 {
		t.Fatalf("close pair must stay ambiguous, guess the newest: %+v", ch)
	}
	geo := NewResolver([]Node{nodes[0], nodes[2], nodes[3]}, nil, now)
	if ch := geo.Choose("aa", []string{"cc01"}); ch.Rule != RuleGeo || ch.Key != "aa01" {
		t.Fatalf("geo: %+v", ch)
	}
	noGPS := nodes[1]
	noGPS.HasGPS = false
	gps := NewResolver([]Node{nodes[0], noGPS}, nil, now)
	if ch := gps.Choose("aa", nil); ch.Rule != RuleGPS || ch.Key != "aa01" {
		t.Fatalf("gps preference: %+v", ch)
	}
	if ch := r.Choose("cc", nil); ch.Rule != RuleUnique || ch.Key != "cc01" || ch.Score != 1 {
		t.Fatalf("unique: %+v", ch)
	}
	if ch := r.Choose("zz", nil); ch.Rule != RuleNoMatch || ch.Key != "" {
		t.Fatalf("bad hex: %+v", ch)
	}
}

// TestBest_MergesPrefixLengths: the 1-, 2- and 3-byte prefixes of one node resolve to
// the same key; a prefix two nodes share stays unresolved.
func TestBest_MergesPrefixLengths(t *testing.T) {
	r := NewResolver([]Node{{Key: "1000009e", Relay: true}, {Key: "2000aa", Relay: true}, {Key: "2011bb", Relay: true}}, nil, now)
	for _, p := range []string{"10", "1000", "100000", "10000"} {
		if got := r.Best(p); got != "1000009e" {
			t.Errorf("Best(%s) = %q", p, got)
		}
	}
	if got := r.Best("20"); got != "" {
		t.Errorf("Best(20) = %q, want unresolved", got)
	}
	if got := r.Best("2011"); got != "2011bb" {
		t.Errorf("Best(2011) = %q", got)
	}
}

// TestHopScore_Weights: a linked, near, fresh, unique hop scores 0.35·0.9 + 0.2·1 +
// 0.15·1 + 0.3·1 = 0.965; an unknown start scores 0.35·0.5 + 0.2·0.5 + 0.15·0.2 + 0.3·0.5 = 0.455.
func TestHopScore_Weights(t *testing.T) {
	r := NewResolver([]Node{{Key: "aa", Relay: true, Lat: 50, Lon: 4, HasGPS: true, LastSeen: now}, {Key: "bb", Relay: true, Lat: 50.001, Lon: 4, HasGPS: true, LastSeen: now}},
		[]Link{{A: "aa", B: "bb", Score: 0.9}}, now)
	if sc, edge := r.HopScore("aa", "bb", 1); edge != 0.9 || math.Round(sc*1000)/1000 != 0.965 {
		t.Fatalf("linked hop: %v %v", sc, edge)
	}
	if sc, _ := r.HopScore("", "cc", 2); math.Round(sc*1000)/1000 != 0.455 {
		t.Fatalf("unknown start: %v", sc)
	}
}

// TestResolver_OnlyRelaysAreCandidates: a companion sharing a relay's prefix is no
// candidate (it never forwards), but its GPS still serves geography as a context node.
func TestResolver_OnlyRelaysAreCandidates(t *testing.T) {
	r := NewResolver([]Node{{Key: "ab01", Relay: true}, {Key: "ab02", Lat: 50, Lon: 4, HasGPS: true}}, nil, now)
	if c := r.Candidates("ab"); len(c) != 1 || c[0] != "ab01" || r.Best("ab") != "ab01" {
		t.Fatalf("candidates %v best %q", c, r.Best("ab"))
	}
	if n, ok := r.Node("AB02"); !ok || !n.HasGPS {
		t.Fatal("companion not kept for geography")
	}
	for role, want := range map[string]bool{"Repeater": true, "room_server": true, "room": true, "companion": false, "": false, "sensor": false} {
		if CanRelay(role) != want {
			t.Errorf("CanRelay(%q) = %v", role, !want)
		}
	}
}

// TestIndex_WithAndUsedCandidates: With adds keys without touching the original; a
// candidate already used earlier in the path is dropped before counting, so the other
// one is taken.
func TestIndex_WithAndUsedCandidates(t *testing.T) {
	x := NewIndex([]string{"aa11"})
	y := x.With([]string{"AA22", "aa11"})
	if x.Len() != 1 || y.Len() != 2 {
		t.Fatalf("len %d %d", x.Len(), y.Len())
	}
	if got := y.Resolve([]string{"aa1", "aa"}, "", nil); got[0] != "aa11" || got[1] != "aa22" {
		t.Fatalf("Resolve = %v, want aa11 then aa22", got)
	}
}
