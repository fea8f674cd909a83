package live

import "strings"

// Scope filter values besides region names: packets without a scope code, and scoped
// packets whose region is not listed in hashRegions.
const (
	ScopeUnscoped = "unscoped"
	ScopeUnlisted = "unknown"
)

// scopeSet is the scope part of a Filter: lower-case "#name"/"$name" regions plus the
// two special values; the zero set matches everything.
type scopeSet map[string]bool

// parseScopes reads a comma list of scope names ('#' optional), "unscoped" and "unknown".
func parseScopes(list string) scopeSet {
	var out scopeSet
	for _, s := range splitComma(list) {
		s = strings.ToLower(s)
		if s == "all" {
			continue
		}
		if s != ScopeUnscoped && s != ScopeUnlisted && s[0] != '#' && s[0] != '$' {
			s = "#" + s
		}
		if out == nil {
			out = scopeSet{}
		}
		out[s] = true
	}
	return out
}

// match reports whether a packet with scope (nil: not scoped, "": unlisted region) passes.
func (s scopeSet) match(scope *string) bool {
	switch {
	case len(s) == 0:
		return true
	case scope == nil:
		return s[ScopeUnscoped]
	case *scope == "":
		return s[ScopeUnlisted]
	}
	return s[strings.ToLower(*scope)]
}
