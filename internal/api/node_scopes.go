package api

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/storage"
)

// scopeWindow is how far back transported scopes are collected (unscoped relays: 24 h).
const scopeFactsWindow = 7 * 24 * time.Hour

// scopeStates are the values scope_config_state (and the scopeState= filter) takes.
var scopeStates = []string{analytics.ScopeScoped, analytics.ScopeOpen, analytics.ScopeMismatch, analytics.ScopeUnknown}

// ScopeSource says where a node's configured scopes came from.
type ScopeSource struct {
	Kind           string `json:"kind"`
	ID             string `json:"id"`
	AnsweredAt     string `json:"answered_at"`
	DeniesUnscoped *bool  `json:"denies_unscoped"`
}

// scopeFacts is the per-node scope data of the enrichment.
type scopeFacts struct {
	configs map[string]storage.ScopeConfig    // pubkey → newest confirmed answer
	relays  map[string]*analytics.RelayScopes // pubkey → scopes seen forwarded
}

// buildScopeFacts reads the configured scopes and attributes the window's forwarded
// traffic to repeaters (analytics.BuildRelayScopes). Without a database only the
// in-memory part is known: every node is then "unknown".
func (s *Server) buildScopeFacts(ctx context.Context, now time.Time) (*scopeFacts, error) {
	f := &scopeFacts{configs: map[string]storage.ScopeConfig{}, relays: map[string]*analytics.RelayScopes{}}
	if s.opts.DB == nil {
		return f, nil
	}
	cfgs, err := storage.ScopeConfigs(ctx, s.opts.DB)
	if err != nil {
		return nil, err
	}
	for _, c := range cfgs {
		f.configs[strings.ToLower(c.NodePubkey)] = c
	}
	since := now.Add(-scopeFactsWindow)
	names, err := storage.TxScopeNames(ctx, s.opts.DB, since.Add(-24*time.Hour).Format(time.RFC3339))
	if err != nil {
		return nil, err
	}
	nodes, err := s.store.Nodes()
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(nodes))
	for i := range nodes {
		keys = append(keys, nodes[i].PublicKey)
	}
	idx := hops.NewIndex(keys)
	unique := func(prefix string) bool { _, ok := idx.Unique(prefix); return ok }
	traffic := func(tx int64, route int) (string, bool) {
		name, scoped := names[tx]
		switch {
		case scoped && (route == 0 || route == 3):
			return name, false
		case route == 1 || route == 0:
			return "", true // a plain flood, or a transport flood with code1 0000
		}
		return "", false
	}
	f.relays = analytics.BuildRelayScopes(s.store.ScanObservations, since.Unix(), now.Add(-24*time.Hour).Unix(), traffic, unique)
	return f, nil
}

// enrichScopes adds the scope fields (issue #20) to a node row.
func (s *Server) enrichScopes(j *NodeJSON, f *scopeFacts) {
	pk := strings.ToLower(j.PublicKey)
	j.ScopeDefault = j.NodeRow.DefaultScope
	declared := []string{}
	if d := j.NodeRow.DefaultScope; d != nil && *d != "" {
		declared = append(declared, *d)
	}
	j.DeclaredRegions = &declared
	cfg := analytics.ScopeConfig{}
	if c, ok := f.configs[pk]; ok {
		cfg = analytics.ScopeConfig{Known: true, Scopes: c.Scopes, DeniesUnscoped: c.DeniesUnscoped}
		configured := slices.Clone(c.Scopes)
		j.ConfiguredScopes = &configured
		j.ScopeSource = &ScopeSource{Kind: c.SourceKind, ID: c.SourceID, AnsweredAt: c.AnsweredAt, DeniesUnscoped: c.DeniesUnscoped}
	}
	seen := f.relays[pk]
	if role := strings.ToLower(deref(j.Role)); role == "repeater" || role == "room" {
		n, transported := 0, []string{}
		if seen != nil {
			n = seen.Unscoped24h
			transported = append(transported, analytics.SortedScopes(seen.Transported)...)
		}
		j.TransportedScopes = &transported
		j.UnscopedRelayCount24h = &n
	}
	j.ScopeConfigState, j.ScopeMismatches = analytics.ScopeVerdict(cfg, seen, declared)
}

// scopeFilter is the scope=, scopeState= and region=#name part of /api/nodes.
type scopeFilter struct {
	scopes, states, declared []string
}

func (f *scopeFilter) active() bool { return len(f.scopes)+len(f.states)+len(f.declared) > 0 }

// parseScopeFilter reads scope= (names, '#' optional) and scopeState= (400 on an
// unknown state); declared are the region= values that name a scope ('#' or '$' first).
func parseScopeFilter(q url.Values, regionValues []string) (*scopeFilter, error) {
	f := &scopeFilter{}
	names, err := parseList("scope", q.Get("scope"), maxRegions)
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		f.scopes = append(f.scopes, scopeName(n))
	}
	if f.states, err = parseList("scopeState", q.Get("scopeState"), len(scopeStates)); err != nil {
		return nil, err
	}
	for _, st := range f.states {
		if !slices.Contains(scopeStates, st) {
			return nil, errorf(ErrBadRequest, fmt.Sprintf("scopeState must be one of %s", strings.Join(scopeStates, ", ")))
		}
	}
	for _, r := range regionValues {
		if strings.HasPrefix(r, "#") || strings.HasPrefix(r, "$") {
			f.declared = append(f.declared, r)
		}
	}
	return f, nil
}

// scopeName is the canonical "#name" form of a scope given by a user.
func scopeName(s string) string {
	if s = strings.TrimSpace(s); s != "" && s[0] != '#' && s[0] != '$' {
		return "#" + s
	}
	return s
}

// keep reports whether an enriched node passes the filter.
func (f *scopeFilter) keep(j *NodeJSON) bool {
	if len(f.states) > 0 && !slices.Contains(f.states, j.ScopeConfigState) {
		return false
	}
	if len(f.declared) > 0 && !anyEqualFold(list(j.DeclaredRegions), f.declared) {
		return false
	}
	if len(f.scopes) > 0 && !anyEqualFold(list(j.DeclaredRegions), f.scopes) && !anyEqualFold(list(j.ConfiguredScopes), f.scopes) &&
		!anyEqualFold(list(j.TransportedScopes), f.scopes) {
		return false
	}
	return true
}

func anyEqualFold(have, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if strings.EqualFold(h, w) {
				return true
			}
		}
	}
	return false
}

// list dereferences an optional list field (nil → empty).
func list(p *[]string) []string {
	if p == nil {
		return nil
	}
	return *p
}

// scopeStateSchema documents scope_config_state in the OpenAPI document.
func scopeStateSchema() *openapi3.Schema {
	s := str()
	s.Enum = []any{analytics.ScopeScoped, analytics.ScopeOpen, analytics.ScopeMismatch, analytics.ScopeUnknown}
	s.Description = "unknown: no configured scopes known (no confirmed /neighbors or /regions answer). " +
		"open: configured without `denyf *` (denies_unscoped false, or unstated with no allowed scope), so it forwards unscoped traffic by design. " +
		"scoped: configured scoped, every scope seen forwarded (transported_scopes, last 7 d) is configured and no unscoped flood was relayed in 24 h. " +
		"mismatch: configured scoped, but it forwarded a scope outside its configured set (forwards_undeclared_scope) " +
		"or relayed unscoped traffic (forwards_unscoped_while_denied). Forwarding is attributed only through hops resolved to a " +
		"full node key whose prefix matches no other known node."
	return s
}

// scopeNameSchema documents a packet's scope_name in the OpenAPI document.
func scopeNameSchema() *openapi3.Schema {
	s := strN()
	s.Description = "Region scope of a transport-route packet: \"#name\" when its code matches a region listed in hashRegions, " +
		"\"\" when it is scoped to an unlisted region, null when it is not scoped (a plain flood or direct packet, or transport code 0000)."
	return s
}
