package analytics

import (
	"math"
	"testing"
	"time"
)

// edge builds a fresh, fully saturated edge (weight 1: 100 sightings, 3 observers).
func satEdge(a, b string, now time.Time) Edge {
	return Edge{A: a, B: b, Count: 100, Observers: []string{"o1", "o2", "o3"}, LastSeen: now.Format(time.RFC3339)}
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// TestUsefulness_HandCheckedGraph scores a small mesh worked out by hand:
//
//	a — b — c — d      and a separate pair  x — y
//	    |
//	    e
//
// with every edge of weight 1 (so every edge costs 1).
func TestUsefulness_HandCheckedGraph(t *testing.T) {
	now := time.Date(2026, 5, 17, 12, 0, 0, 0, time.UTC)
	edges := []Edge{satEdge("a", "b", now), satEdge("b", "c", now), satEdge("c", "d", now), satEdge("b", "e", now), satEdge("x", "y", now),
		{A: "a", B: "prefix:ff", Count: 500, Observers: []string{"o1"}}} // unresolved: ignored
	u := ComputeUsefulness(edges, TrafficShares{Relayed: map[string]int{"b": 3, "c": 1}, Total: 12}, now)

	// Betweenness (pairs whose shortest path runs through the node): b sits on
	// a–c, a–d, a–e, c–e, d–e = 5; c on a–d, b–d, d–e = 3; the rest 0. Max 5.
	near(t, "bridge b", u.Bridge["b"], 1)
	near(t, "bridge c", u.Bridge["c"], 3.0/5)
	near(t, "bridge a", u.Bridge["a"], 0)
	near(t, "bridge x", u.Bridge["x"], 0)
	// Harmonic reach Σ1/d: b = 1+1+1+1/2 = 3.5 (max); c = 1+1+1/2+1/2 = 3;
	// a = 1+1/2+1/2+1/3 = 7/3; y = 1.
	near(t, "coverage b", u.Coverage["b"], 1)
	near(t, "coverage c", u.Coverage["c"], 3/3.5)
	near(t, "coverage a", u.Coverage["a"], (7.0/3)/3.5)
	near(t, "coverage y", u.Coverage["y"], 1/3.5)
	// Cut pairs, component of 5 (S = 4): removing b leaves pieces {a},{e},{c,d}:
	// (16 − 1 − 1 − 4)/2 = 5; removing c leaves {a,b,e},{d}: (16 − 9 − 1)/2 = 3.
	near(t, "redundancy b", u.Redundancy["b"], 1)
	near(t, "redundancy c", u.Redundancy["c"], 3.0/5)
	near(t, "redundancy d", u.Redundancy["d"], 0)
	near(t, "redundancy x", u.Redundancy["x"], 0)

	// Composite for c with traffic normalised by the largest share (b's 3/12):
	// 0.30·0.6 + 0.25·(3/3.5) + 0.25·0.6 + 0.20·(1/3) = 0.6109…
	ax := u.Axes("C")
	near(t, "traffic c", ax.Traffic, 1.0/12)
	want := 0.30*0.6 + 0.25*(3/3.5) + 0.25*0.6 + 0.20*(1.0/3)
	near(t, "composite c", Composite(ax, 3.0/12), want)
	if g := Grade(Composite(ax, 3.0/12)); g != "B" {
		t.Errorf("grade of c = %s, want B (0.45 ≤ %.4f < 0.65)", g, want)
	}
}

// TestUsefulness_WeakEdgeDoesNotMaskCutVertex: a lone fresh sighting (count 1, one
// observer: weight 1/300) counts for the shortest-path axes but is no alternative
// route for redundancy, so b stays a cut vertex.
func TestUsefulness_WeakEdgeDoesNotMaskCutVertex(t *testing.T) {
	now := time.Date(2026, 5, 17, 12, 0, 0, 0, time.UTC)
	weak := Edge{A: "a", B: "c", Count: 1, Observers: []string{"o1"}, LastSeen: now.Format(time.RFC3339)}
	u := ComputeUsefulness([]Edge{satEdge("a", "b", now), satEdge("b", "c", now), weak}, TrafficShares{}, now)
	near(t, "redundancy b", u.Redundancy["b"], 1)
	near(t, "weight of the weak edge", EdgeWeight(weak, now), 1.0/300)
	// One half-life later an edge weighs half as much.
	near(t, "decayed weight", EdgeWeight(satEdge("a", "b", now.Add(-168*time.Hour)), now), 0.5)
}

func TestGrade_Bands(t *testing.T) {
	for score, want := range map[float64]string{1: "A", 0.65: "A", 0.6499: "B", 0.45: "B", 0.30: "C", 0.15: "D", 0.1499: "F", 0: "F"} {
		if got := Grade(score); got != want {
			t.Errorf("Grade(%v) = %s, want %s", score, got, want)
		}
	}
}
