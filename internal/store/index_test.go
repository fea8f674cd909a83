package store

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/corescope/corescope/internal/hops"
)

func TestIntersect_MatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		var lists [][]int64
		for range 1 + r.IntN(4) {
			p := postings[int]{}
			for range r.IntN(300) {
				p.add(0, r.Int64N(500))
			}
			lists = append(lists, p[0])
		}
		var want []int64
		for _, id := range lists[0] {
			in := true
			for _, l := range lists[1:] {
				_, ok := slices.BinarySearch(l, id)
				in = in && ok
			}
			if in {
				want = append(want, id)
			}
		}
		if got := intersect(lists); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("round %d: intersect = %v, want %v", round, got, want)
		}
	}
}

func TestPostings_AddSortedDedupAndDrop(t *testing.T) {
	p := postings[string]{}
	for _, id := range []int64{5, 9, 9, 2, 7, 12, 2} {
		p.add("k", id)
	}
	if !slices.Equal(p["k"], []int64{2, 5, 7, 9, 12}) {
		t.Fatalf("list = %v", p["k"])
	}
	p.add("j", 3)
	p.dropBelow(7)
	if !slices.Equal(p["k"], []int64{7, 9, 12}) || p["j"] != nil {
		t.Fatalf("after drop: %v", p)
	}
	if got := union([][]int64{{1, 4}, {2, 4, 9}}); !slices.Equal(got, []int64{1, 2, 4, 9}) {
		t.Fatalf("union = %v", got)
	}
}

func TestParseHopKeys_Shapes(t *testing.T) {
	var got []string
	ok := parseHopKeys(`["aa", null, "BB"]`, func(k string, null bool) {
		if null {
			k = "<nil>"
		}
		got = append(got, k)
	})
	if !ok || !slices.Equal(got, []string{"aa", "<nil>", "BB"}) {
		t.Fatalf("ok=%v got=%v", ok, got)
	}
	for _, bad := range []string{``, `[`, `{"a":1}`, `["a\"b"]`, `[1,2]`} {
		if parseHopKeys(bad, func(string, bool) {}) {
			t.Errorf("%q accepted", bad)
		}
	}
	if hops.CountHops(`["AA","BB"]`) != 2 || hops.CountHops(`[]`) != 0 || hops.CountHops(`x`) != 0 {
		t.Fatal("countHops")
	}
}
