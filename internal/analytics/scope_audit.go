package analytics

import (
	"cmp"
	"slices"
	"strings"
)

// ScopeAuditNode is what the Scope Audit needs of one node: its identity, what it
// declares, how it is configured and what it was seen forwarding.
type ScopeAuditNode struct {
	PublicKey, Name, Role, LastSeen string
	Declared                        []string
	Config                          ScopeConfig
	ConfigSource, ConfigAnsweredAt  string
	Seen                            *RelayScopes // nil: nothing attributed
}

// ScopeAuditRow is one repeater of the Scope Audit (GET /api/scopes/audit). Configured
// is nil when no confirmed configuration is known.
type ScopeAuditRow struct {
	PublicKey         string         `json:"public_key"`
	Name              string         `json:"name"`
	Role              string         `json:"role"`
	LastSeen          string         `json:"last_seen"`
	State             string         `json:"scope_config_state"`
	Declared          []string       `json:"declared_regions"`
	Configured        []string       `json:"configured_scopes"`
	DeniesUnscoped    *bool          `json:"denies_unscoped"`
	ConfigSource      string         `json:"configured_source"`
	ConfigAnsweredAt  string         `json:"configured_at"`
	Transported       []string       `json:"transported_scopes"`
	TransportedCounts map[string]int `json:"transported_counts"`
	Unscoped24h       int            `json:"unscoped_relay_count_24h"`
	Mismatches        []string       `json:"scope_mismatches"`
	// UndeclaredScopes are transported scopes outside the configured set (when scoped);
	// UnforwardedRegions are declared regions never seen forwarded.
	UndeclaredScopes   []string `json:"undeclared_scopes"`
	UnforwardedRegions []string `json:"unforwarded_regions"`
}

// ScopeAuditQuery filters and orders the audit. Empty fields do not filter.
type ScopeAuditQuery struct {
	States     []string // scope_config_state values
	Mismatches []string // mismatch kinds: a row must show at least one
	Scope      string   // a scope name declared, configured or transported ('#' optional)
	Search     string   // case-insensitive substring of name or public key
	Sort       string   // one of ScopeAuditSorts; "" = state
	Desc       bool
}

// ScopeAuditSorts are the sort keys the audit accepts.
var ScopeAuditSorts = []string{"state", "name", "declared", "configured", "transported", "unscoped", "mismatches", "last_seen"}

// ScopeAudit is the network-wide audit of repeaters' scopes.
type ScopeAudit struct {
	Rows []ScopeAuditRow `json:"rows"`
	// Total counts the rows before filtering; Counts their states.
	Total  int            `json:"total"`
	Counts map[string]int `json:"counts"`
	// Scopes lists every scope name any audited node declares, is configured with or forwards.
	Scopes []string `json:"scopes"`
}

// auditStateRank orders states from the most to the least urgent.
var auditStateRank = map[string]int{ScopeMismatch: 0, ScopeOpen: 1, ScopeScoped: 2, ScopeUnknown: 3}

// BuildScopeAudit audits the repeaters and rooms among nodes, and any other node whose
// configuration is known (an observer reporting its own scopes), then filters and
// sorts the rows by q. Ties keep a stable order by name then key.
func BuildScopeAudit(nodes []ScopeAuditNode, q ScopeAuditQuery) ScopeAudit {
	out := ScopeAudit{Rows: []ScopeAuditRow{}, Scopes: []string{},
		Counts: map[string]int{ScopeMismatch: 0, ScopeOpen: 0, ScopeScoped: 0, ScopeUnknown: 0}}
	all := map[string]bool{}
	for i := range nodes {
		n := &nodes[i]
		role := strings.ToLower(n.Role)
		if role != "repeater" && role != "room" && !n.Config.Known {
			continue
		}
		r := auditRow(n)
		out.Total++
		out.Counts[r.State]++
		for _, s := range slices.Concat(r.Declared, r.Configured, r.Transported) {
			all[s] = true
		}
		if q.keep(&r) {
			out.Rows = append(out.Rows, r)
		}
	}
	for s := range all {
		out.Scopes = append(out.Scopes, s)
	}
	slices.Sort(out.Scopes)
	sortAudit(out.Rows, q.Sort, q.Desc)
	return out
}

// auditRow derives one row: the verdict (ScopeVerdict) and the scopes behind it.
func auditRow(n *ScopeAuditNode) ScopeAuditRow {
	seen := n.Seen
	if seen == nil {
		seen = &RelayScopes{Transported: map[string]int{}}
	}
	r := ScopeAuditRow{PublicKey: strings.ToLower(n.PublicKey), Name: n.Name, Role: strings.ToLower(n.Role), LastSeen: n.LastSeen,
		Declared: orEmpty(n.Declared), Transported: orEmpty(SortedScopes(seen.Transported)), TransportedCounts: map[string]int{},
		Unscoped24h: seen.Unscoped24h, UndeclaredScopes: []string{}, UnforwardedRegions: []string{}}
	for s, c := range seen.Transported {
		r.TransportedCounts[s] = c
	}
	r.State, r.Mismatches = ScopeVerdict(n.Config, n.Seen, n.Declared)
	r.Mismatches = orEmpty(r.Mismatches)
	if n.Config.Known {
		r.Configured = orEmpty(slices.Clone(n.Config.Scopes))
		r.DeniesUnscoped, r.ConfigSource, r.ConfigAnsweredAt = n.Config.DeniesUnscoped, n.ConfigSource, n.ConfigAnsweredAt
		if r.State == ScopeScoped || r.State == ScopeMismatch {
			for _, s := range r.Transported {
				if !slices.Contains(r.Configured, s) {
					r.UndeclaredScopes = append(r.UndeclaredScopes, s)
				}
			}
		}
		for _, d := range r.Declared {
			if seen.Transported[d] == 0 {
				r.UnforwardedRegions = append(r.UnforwardedRegions, d)
			}
		}
	}
	return r
}

func (q *ScopeAuditQuery) keep(r *ScopeAuditRow) bool {
	if len(q.States) > 0 && !slices.Contains(q.States, r.State) {
		return false
	}
	if len(q.Mismatches) > 0 && !slices.ContainsFunc(r.Mismatches, func(m string) bool { return slices.Contains(q.Mismatches, m) }) {
		return false
	}
	if q.Scope != "" {
		name := strings.ToLower(q.Scope)
		if name[0] != '#' && name[0] != '$' {
			name = "#" + name
		}
		has := func(l []string) bool {
			return slices.ContainsFunc(l, func(s string) bool { return strings.ToLower(s) == name })
		}
		if !has(r.Declared) && !has(r.Configured) && !has(r.Transported) {
			return false
		}
	}
	if s := strings.ToLower(q.Search); s != "" && !strings.Contains(strings.ToLower(r.Name), s) && !strings.Contains(r.PublicKey, s) {
		return false
	}
	return true
}

// sortAudit orders rows by key (ascending unless desc); an unknown key sorts by state.
func sortAudit(rows []ScopeAuditRow, key string, desc bool) {
	by := func(a, b *ScopeAuditRow) int {
		switch key {
		case "name":
			return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		case "declared":
			return cmp.Compare(strings.Join(a.Declared, ","), strings.Join(b.Declared, ","))
		case "configured":
			return cmp.Compare(strings.Join(a.Configured, ","), strings.Join(b.Configured, ","))
		case "transported":
			return cmp.Compare(len(a.Transported), len(b.Transported))
		case "unscoped":
			return cmp.Compare(a.Unscoped24h, b.Unscoped24h)
		case "mismatches":
			return cmp.Compare(len(a.Mismatches), len(b.Mismatches))
		case "last_seen":
			return cmp.Compare(a.LastSeen, b.LastSeen)
		}
		return cmp.Compare(auditStateRank[a.State], auditStateRank[b.State])
	}
	slices.SortStableFunc(rows, func(a, b ScopeAuditRow) int {
		c := by(&a, &b)
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.PublicKey, b.PublicKey))
	})
}

func orEmpty(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
