package analytics

import (
	"slices"
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// Scope configuration states of a repeater (issue #20, api.md §4.4).
const (
	ScopeUnknown  = "unknown"  // no configured scopes known
	ScopeOpen     = "open"     // configured without `denyf *`: forwards unscoped traffic by design
	ScopeScoped   = "scoped"   // configured scoped, and everything seen forwarded fits the configuration
	ScopeMismatch = "mismatch" // configured scoped, but seen forwarding outside the configuration
)

// Mismatch kinds, as the Scope Audit page names them.
const (
	MismatchUndeclaredScope  = "forwards_undeclared_scope"      // transported a scope outside its configured set
	MismatchUnscopedRelay    = "forwards_unscoped_while_denied" // relayed unscoped traffic while configured `denyf *`
	MismatchUnforwardedScope = "declares_unforwarded_region"    // a declared region never seen forwarded (finding only)
)

// ScopeConfig is what is known of a node's configured scopes.
type ScopeConfig struct {
	Known  bool
	Scopes []string
	// DeniesUnscoped is nil when no source said whether `denyf *` is set.
	DeniesUnscoped *bool
}

// Open reports whether the configuration forwards unscoped traffic: `denyf *` is
// explicitly absent, or unstated with no allowed scope at all.
func (c ScopeConfig) Open() bool {
	if c.DeniesUnscoped != nil {
		return !*c.DeniesUnscoped
	}
	return len(c.Scopes) == 0
}

// RelayScopes is what one repeater was seen forwarding.
type RelayScopes struct {
	Transported map[string]int // scope name → transmissions forwarded
	Unscoped24h int            // unscoped flood transmissions forwarded in the last 24 h
}

// ScopeVerdict returns the state and the mismatch kinds (sorted) of one repeater.
// declared regions never seen forwarded are reported as a finding but do not change
// the state: low traffic alone would otherwise make every quiet repeater a mismatch.
func ScopeVerdict(cfg ScopeConfig, seen *RelayScopes, declared []string) (string, []string) {
	if !cfg.Known {
		return ScopeUnknown, nil
	}
	var kinds []string
	if seen == nil {
		seen = &RelayScopes{}
	}
	for _, d := range declared {
		if seen.Transported[d] == 0 {
			kinds = append(kinds, MismatchUnforwardedScope)
			break
		}
	}
	if cfg.Open() {
		return ScopeOpen, kinds
	}
	state := ScopeScoped
	for s := range seen.Transported {
		if !slices.Contains(cfg.Scopes, s) {
			kinds, state = append(kinds, MismatchUndeclaredScope), ScopeMismatch
			break
		}
	}
	if seen.Unscoped24h > 0 {
		kinds, state = append(kinds, MismatchUnscopedRelay), ScopeMismatch
	}
	sort.Strings(kinds)
	return state, kinds
}

// ScopeTraffic tells how a transmission was scoped: scope is the matched region name
// of a transport-route packet ("" when unnamed); unscoped marks a plain flood (route 1)
// or a transport flood whose code1 is 0000.
type ScopeTraffic func(txID int64, routeType int) (scope string, unscoped bool)

// BuildRelayScopes attributes forwarded traffic to repeaters from observations at or
// after sinceUnix. A hop counts only when it was resolved to a full node key AND its
// prefix matches no other known node (unique(prefix)): an ambiguous prefix — typically
// a colliding 1-byte hop hash — never attributes anything. Each transmission counts
// once per repeater however many observations show it.
func BuildRelayScopes(scan func(since int64, fn func(*store.ObsPoint) bool), sinceUnix, dayUnix int64,
	traffic ScopeTraffic, unique func(prefix string) bool) map[string]*RelayScopes {
	out := map[string]*RelayScopes{}
	type key struct {
		pk string
		tx int64
	}
	done := map[key]bool{}
	parsed := map[string][]string{} // path_json → hops: many observations share a path
	scan(sinceUnix, func(p *store.ObsPoint) bool {
		if len(p.Resolved) == 0 || p.PathJSON == "" {
			return true
		}
		scope, unscoped := traffic(p.TxID, p.RouteType)
		if scope == "" && (!unscoped || p.Unix < dayUnix) {
			return true
		}
		hops, ok := parsed[p.PathJSON]
		if !ok {
			hops = parsedPath(&p.PathJSON)
			parsed[p.PathJSON] = hops
		}
		if len(hops) != len(p.Resolved) {
			return true
		}
		for i, pk := range p.Resolved {
			pk = strings.ToLower(pk)
			if pk == "" || !strings.HasPrefix(pk, strings.ToLower(hops[i])) || !unique(strings.ToLower(hops[i])) {
				continue
			}
			k := key{pk, p.TxID}
			if done[k] {
				continue
			}
			done[k] = true
			r := out[pk]
			if r == nil {
				r = &RelayScopes{Transported: map[string]int{}}
				out[pk] = r
			}
			if scope != "" {
				r.Transported[scope]++
			} else {
				r.Unscoped24h++
			}
		}
		return true
	})
	return out
}

// SortedScopes returns the keys of m in order (nil when empty).
func SortedScopes(m map[string]int) []string {
	var out []string
	for s := range m {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
