package api

import (
	"slices"
	"testing"
)

func TestHopList_MatchesJSON(t *testing.T) {
	for _, in := range []string{`["AB","CD"]`, `[]`, ` [ "a1" , "b2" ] `, `["x\"y"]`, `["AB",1]`, `not json`, `["AB","CD"`, `[""]`, `["a,b"]`} {
		got := hopList(&in)
		want := parsePath(&in)
		if !slices.Equal(got, want) {
			t.Errorf("hopList(%q) = %q, parsePath = %q", in, got, want)
		}
	}
	if hopList(nil) != nil {
		t.Fatal("nil path")
	}
}
