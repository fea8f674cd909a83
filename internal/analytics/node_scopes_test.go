package analytics

import (
	"reflect"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/store"
)

func boolp(b bool) *bool { return &b }

func TestScopeVerdict_EachState(t *testing.T) {
	scoped := ScopeConfig{Known: true, Scopes: []string{"#sjc"}, DeniesUnscoped: boolp(true)}
	cases := []struct {
		name      string
		cfg       ScopeConfig
		seen      *RelayScopes
		declared  []string
		wantState string
		wantKinds []string
	}{
		{"unknown", ScopeConfig{}, &RelayScopes{Transported: map[string]int{"#x": 3}, Unscoped24h: 9}, nil, ScopeUnknown, nil},
		{"open by denyf absent", ScopeConfig{Known: true, Scopes: []string{"#sjc"}, DeniesUnscoped: boolp(false)},
			&RelayScopes{Transported: map[string]int{"#oak": 1}, Unscoped24h: 5}, nil, ScopeOpen, nil},
		{"open by empty config", ScopeConfig{Known: true, Scopes: []string{}}, nil, nil, ScopeOpen, nil},
		{"scoped, quiet", scoped, nil, nil, ScopeScoped, nil},
		{"scoped, forwarding its scope", scoped, &RelayScopes{Transported: map[string]int{"#sjc": 4}}, []string{"#sjc"}, ScopeScoped, nil},
		{"scoped, declares unforwarded", scoped, nil, []string{"#sjc"}, ScopeScoped, []string{MismatchUnforwardedScope}},
		{"mismatch: foreign scope", scoped, &RelayScopes{Transported: map[string]int{"#sjc": 1, "#oak": 1}}, nil,
			ScopeMismatch, []string{MismatchUndeclaredScope}},
		{"mismatch: unscoped relay", scoped, &RelayScopes{Transported: map[string]int{}, Unscoped24h: 1}, nil,
			ScopeMismatch, []string{MismatchUnscopedRelay}},
		{"mismatch: both", scoped, &RelayScopes{Transported: map[string]int{"#oak": 2}, Unscoped24h: 2}, nil,
			ScopeMismatch, []string{MismatchUndeclaredScope, MismatchUnscopedRelay}},
	}
	for _, c := range cases {
		state, kinds := ScopeVerdict(c.cfg, c.seen, c.declared)
		if state != c.wantState || !reflect.DeepEqual(kinds, c.wantKinds) {
			t.Errorf("%s: got %s %v, want %s %v", c.name, state, kinds, c.wantState, c.wantKinds)
		}
	}
}

// TestBuildRelayScopes_OnlyUnambiguousHops: a hop whose prefix matches two known nodes
// attributes nothing even when the resolver picked one.
func TestBuildRelayScopes_OnlyUnambiguousHops(t *testing.T) {
	a, b, c := "aa"+strings.Repeat("1", 62), "bb"+strings.Repeat("2", 62), "bb"+strings.Repeat("3", 62)
	points := []store.ObsPoint{
		{TxID: 1, Unix: 1000, RouteType: 0, PathJSON: `["AA","BB"]`, Resolved: []string{a, b}},
		{TxID: 1, Unix: 1001, RouteType: 0, PathJSON: `["AA"]`, Resolved: []string{a}}, // same tx: counted once
		{TxID: 2, Unix: 1000, RouteType: 1, PathJSON: `["AA11"]`, Resolved: []string{a}},
		{TxID: 3, Unix: 10, RouteType: 1, PathJSON: `["AA"]`, Resolved: []string{a}},   // older than a day
		{TxID: 4, Unix: 1000, RouteType: 2, PathJSON: `["AA"]`, Resolved: []string{a}}, // direct: neither
	}
	scan := func(_ int64, fn func(*store.ObsPoint) bool) {
		for i := range points {
			fn(&points[i])
		}
	}
	traffic := func(tx int64, route int) (string, bool) {
		switch {
		case tx == 1:
			return "#sjc", false
		case route == 1:
			return "", true
		}
		return "", false
	}
	keys := []string{a, b, c}
	unique := func(p string) bool {
		n := 0
		for _, k := range keys {
			if strings.HasPrefix(k, p) {
				n++
			}
		}
		return n == 1
	}
	got := BuildRelayScopes(scan, 0, 500, traffic, unique)
	if len(got) != 1 || got[a] == nil || !reflect.DeepEqual(got[a].Transported, map[string]int{"#sjc": 1}) || got[a].Unscoped24h != 1 {
		t.Fatalf("got %v (a=%+v)", got, got[a])
	}
}
