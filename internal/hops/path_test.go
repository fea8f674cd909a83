package hops

import (
	"encoding/json"
	"slices"
	"testing"
)

// jsonHops is the reference decoding: encoding/json, nil for anything but an array of strings.
func jsonHops(s string) []string {
	var h []string
	if json.Unmarshal([]byte(s), &h) != nil || len(h) == 0 {
		return nil
	}
	return h
}

// TestParsePath_MatchesJSON: the fast path agrees with encoding/json on plain arrays
// and falls back to it on everything else; CountHops agrees with ParsePath.
func TestParsePath_MatchesJSON(t *testing.T) {
	for _, in := range []string{`["AB","CD"]`, `[]`, ` [ "a1" , "b2" ] `, `["x\"y"]`, `["AB",1]`, `not json`, `["AB","CD"`, `[""]`, `["a,b"]`, ``, `null`, `["a" "b"]`} {
		got := ParsePath(in)
		if want := jsonHops(in); !slices.Equal(got, want) {
			t.Errorf("ParsePath(%q) = %q, encoding/json = %q", in, got, want)
		}
		if n := CountHops(in); n != len(got) {
			t.Errorf("CountHops(%q) = %d, want %d", in, n, len(got))
		}
	}
	if ParsePathPtr(nil) != nil {
		t.Fatal("nil path")
	}
	buf := []string{"keep"}
	if got := AppendPath(buf, `["AB",1]`); !slices.Equal(got, []string{"keep"}) {
		t.Fatalf("AppendPath on a bad path changed dst: %q", got)
	}
}

func FuzzParsePath(f *testing.F) {
	for _, s := range []string{`["AB","CD"]`, `["a,b"]`, `[ "x" ]`, `["\u0041"]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := ParsePath(s)
		if want := jsonHops(s); !slices.Equal(got, want) {
			t.Fatalf("ParsePath(%q) = %q, encoding/json = %q", s, got, want)
		}
		if CountHops(s) != len(got) {
			t.Fatalf("CountHops(%q) = %d, want %d", s, CountHops(s), len(got))
		}
	})
}
