package analytics_test

import (
	"slices"
	"testing"

	"github.com/corescope/corescope/internal/analytics"
)

// auditNodes is a hand-made network: a scoped repeater forwarding a foreign scope, an
// open one, a quiet scoped one that declares a region it never forwards, an unknown
// one, a companion (not audited) and an observer reporting its own configuration.
func auditNodes() []analytics.ScopeAuditNode {
	yes := true
	return []analytics.ScopeAuditNode{
		{PublicKey: "AA01", Name: "Alpha", Role: "repeater", LastSeen: "2026-12-07T10:00:00Z",
			Config: analytics.ScopeConfig{Known: true, Scopes: []string{"#sjc"}, DeniesUnscoped: &yes},
			Seen:   &analytics.RelayScopes{Transported: map[string]int{"#sjc": 4, "#oak": 2}}},
		{PublicKey: "BB02", Name: "bravo", Role: "Repeater", LastSeen: "2026-12-07T12:00:00Z",
			Config: analytics.ScopeConfig{Known: true, Scopes: nil},
			Seen:   &analytics.RelayScopes{Transported: map[string]int{}, Unscoped24h: 9}},
		{PublicKey: "CC03", Name: "Charlie", Role: "room", LastSeen: "2026-12-07T11:00:00Z", Declared: []string{"#oak"},
			Config: analytics.ScopeConfig{Known: true, Scopes: []string{"#oak"}, DeniesUnscoped: &yes}},
		{PublicKey: "DD04", Name: "Delta", Role: "repeater", LastSeen: "2026-12-07T09:00:00Z"},
		{PublicKey: "EE05", Name: "Echo", Role: "companion"},
		{PublicKey: "FF06", Name: "Foxtrot", Role: "companion", Config: analytics.ScopeConfig{Known: true, Scopes: []string{"#bay"}, DeniesUnscoped: &yes}},
	}
}

func keys(rows []analytics.ScopeAuditRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.PublicKey)
	}
	return out
}

func TestBuildScopeAudit_RowsVerdictsAndCounts(t *testing.T) {
	a := analytics.BuildScopeAudit(auditNodes(), analytics.ScopeAuditQuery{})
	// Default order: mismatch, open, scoped, unknown; names break ties.
	if got, want := keys(a.Rows), []string{"aa01", "bb02", "cc03", "ff06", "dd04"}; !slices.Equal(got, want) {
		t.Fatalf("rows %v, want %v (companion without configuration left out)", got, want)
	}
	if a.Total != 5 || a.Counts["mismatch"] != 1 || a.Counts["open"] != 1 || a.Counts["scoped"] != 2 || a.Counts["unknown"] != 1 {
		t.Errorf("total %d counts %v", a.Total, a.Counts)
	}
	if want := []string{"#bay", "#oak", "#sjc"}; !slices.Equal(a.Scopes, want) {
		t.Errorf("scopes %v, want %v", a.Scopes, want)
	}
	alpha, charlie, delta := a.Rows[0], a.Rows[2], a.Rows[4]
	if !slices.Equal(alpha.UndeclaredScopes, []string{"#oak"}) || !slices.Equal(alpha.Mismatches, []string{"forwards_undeclared_scope"}) ||
		alpha.TransportedCounts["#oak"] != 2 {
		t.Errorf("alpha: %+v", alpha)
	}
	if charlie.State != "scoped" || !slices.Equal(charlie.UnforwardedRegions, []string{"#oak"}) ||
		!slices.Equal(charlie.Mismatches, []string{"declares_unforwarded_region"}) {
		t.Errorf("charlie: %+v", charlie)
	}
	if delta.Configured != nil || delta.State != "unknown" || len(delta.Transported) != 0 || delta.Transported == nil {
		t.Errorf("delta: configured %v state %s transported %v", delta.Configured, delta.State, delta.Transported)
	}
	if bravo := a.Rows[1]; bravo.Configured == nil || len(bravo.Configured) != 0 || bravo.State != "open" {
		t.Errorf("bravo: configured %v (want [] not nil) state %s", bravo.Configured, bravo.State)
	}
}

func TestBuildScopeAudit_FiltersAndSorts(t *testing.T) {
	cases := []struct {
		q    analytics.ScopeAuditQuery
		want []string
	}{
		{analytics.ScopeAuditQuery{States: []string{"scoped"}}, []string{"cc03", "ff06"}},
		{analytics.ScopeAuditQuery{Mismatches: []string{"declares_unforwarded_region"}}, []string{"cc03"}},
		{analytics.ScopeAuditQuery{Scope: "oak"}, []string{"aa01", "cc03"}},
		{analytics.ScopeAuditQuery{Scope: "#OAK"}, []string{"aa01", "cc03"}},
		{analytics.ScopeAuditQuery{Search: "ALP"}, []string{"aa01"}},
		{analytics.ScopeAuditQuery{Search: "dd0"}, []string{"dd04"}},
		{analytics.ScopeAuditQuery{Sort: "name"}, []string{"aa01", "bb02", "cc03", "dd04", "ff06"}},
		{analytics.ScopeAuditQuery{Sort: "last_seen", Desc: true}, []string{"bb02", "cc03", "aa01", "dd04", "ff06"}},
		{analytics.ScopeAuditQuery{Sort: "unscoped", Desc: true}, []string{"bb02", "aa01", "cc03", "dd04", "ff06"}},
		{analytics.ScopeAuditQuery{Sort: "transported", Desc: true}, []string{"aa01", "bb02", "cc03", "dd04", "ff06"}},
	}
	for _, c := range cases {
		if got := keys(analytics.BuildScopeAudit(auditNodes(), c.q).Rows); !slices.Equal(got, c.want) {
			t.Errorf("%+v: %v, want %v", c.q, got, c.want)
		}
	}
}
