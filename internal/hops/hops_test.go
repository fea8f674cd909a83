package hops

import (
	"reflect"
	"slices"
	"testing"
)

var keys = []string{"AA11", "aa22", "bb33", "cc44", "cc45", "not-hex", ""}

func TestIndex_Candidates(t *testing.T) {
	x := NewIndex(keys)
	if x.Len() != 5 {
		t.Fatalf("len = %d", x.Len())
	}
	cases := map[string][]string{"aa": {"aa11", "aa22"}, "AA1": {"aa11"}, "bb": {"bb33"}, "dd": nil, "": nil, "zz": nil, "cc4": {"cc44", "cc45"}}
	for p, want := range cases {
		if got := x.Candidates(p); !slices.Equal(got, want) {
			t.Errorf("Candidates(%q) = %v, want %v", p, got, want)
		}
	}
	if k, ok := x.Unique("BB"); !ok || k != "bb33" {
		t.Errorf("Unique(BB) = %q %v", k, ok)
	}
	if _, ok := x.Unique("aa"); ok {
		t.Error("Unique(aa) resolved an ambiguous prefix")
	}
}

func TestResolve_AnchorAndUsed(t *testing.T) {
	x := NewIndex(keys)
	adj := func(a, b string) bool { return a == "bb33" && b == "aa22" || a == "aa22" && b == "bb33" }
	got := x.Resolve([]string{"BB", "AA", "CC", "bb"}, "", adj)
	// "AA" is ambiguous but only aa22 neighbours the anchor bb33; "CC" has two candidates
	// and no adjacency; "bb" is already used.
	if want := []string{"bb33", "aa22", "", ""}; !slices.Equal(got, want) {
		t.Fatalf("Resolve = %v, want %v", got, want)
	}
	if got := x.Resolve([]string{"AA"}, "", nil); got[0] != "" {
		t.Fatalf("ambiguous without anchor resolved to %q", got[0])
	}
	if got := x.Resolve(nil, "x", nil); len(got) != 0 {
		t.Fatal("empty path")
	}
}

func TestEdgesFor_Rules(t *testing.T) {
	x := NewIndex(keys)
	cases := []struct {
		name string
		r    Reception
		want []Edge
	}{
		{"advert no path", Reception{PayloadType: 4, From: "CC44", Observer: "bb33"}, []Edge{{A: "bb33", B: "cc44", ObserverEnd: true}}},
		{"advert with path", Reception{PayloadType: 4, From: "cc44", Observer: "aa11", Path: []string{"BB", "AA2"}},
			[]Edge{{A: "bb33", B: "cc44", Prefix: "bb"}, {A: "aa11", B: "aa22", Prefix: "aa2", ObserverEnd: true}}},
		{"ambiguous last hop", Reception{PayloadType: 2, Observer: "bb33", Path: []string{"aa"}},
			[]Edge{{A: "bb33", B: "prefix:aa", Prefix: "aa", Ambiguous: true, Candidates: []string{"aa11", "aa22"}, ObserverEnd: true}}},
		{"known end leaves one candidate", Reception{PayloadType: 2, Observer: "aa11", Path: []string{"aa"}},
			[]Edge{{A: "aa11", B: "aa22", Prefix: "aa", ObserverEnd: true}}},
		{"self edge", Reception{PayloadType: 2, Observer: "bb33", Path: []string{"bb"}}, nil},
		{"unknown hop kept unresolved", Reception{PayloadType: 2, Observer: "bb33", Path: []string{"ee"}},
			[]Edge{{A: "bb33", B: "prefix:ee", Prefix: "ee", Ambiguous: true, ObserverEnd: true}}},
		{"no observer", Reception{PayloadType: 2, Path: []string{"bb"}}, nil},
		{"bad hex", Reception{PayloadType: 4, From: "cc44", Observer: "bb33", Path: []string{"zz"}}, nil},
	}
	for _, c := range cases {
		if got := x.EdgesFor(c.r); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func FuzzEdgesFor(f *testing.F) {
	f.Add(4, "cc44", "bb33", "aa", "bb")
	f.Fuzz(func(t *testing.T, pt int, from, obs, h1, h2 string) {
		x := NewIndex(append(keys, from, obs))
		for _, e := range x.EdgesFor(Reception{PayloadType: pt, From: from, Observer: obs, Path: []string{h1, h2}}) {
			if e.A > e.B || e.A == e.B {
				t.Fatalf("edge not canonical: %+v", e)
			}
		}
		x.Resolve([]string{h1, h2}, from, func(a, b string) bool { return a < b })
	})
}
