package analytics

import (
	"slices"
	"testing"
)

// TestHopList_MatchesJSON: the fast path agrees with encoding/json (decodeHops) on
// plain arrays and falls back to it on everything else.
func TestHopList_MatchesJSON(t *testing.T) {
	for _, in := range []string{`["AB","CD"]`, `[]`, ` [ "a1" , "b2" ] `, `["x\"y"]`, `["AB",1]`, `not json`, `["AB","CD"`, `[""]`, `["a,b"]`} {
		got := HopList(&in)
		want := decodeHops(&in)
		if !slices.Equal(got, want) {
			t.Errorf("HopList(%q) = %q, decodeHops = %q", in, got, want)
		}
	}
	if HopList(nil) != nil {
		t.Fatal("nil path")
	}
}
