package analytics

import (
	"sort"
	"time"
)

// ScopeBreakdown is /api/scope-stats/breakdown: traffic per named scope over time and the
// repeaters seen forwarding each scope most (issue #20). The unscoped share is not here:
// the Scopes tab takes it from /api/scope-stats, which owns the unscoped count.
type ScopeBreakdown struct {
	Window string `json:"window"`
	// Buckets are the RFC 3339 starts of the time buckets every series shares.
	Buckets []string      `json:"buckets"`
	Scopes  []ScopeSeries `json:"scopes"`
	// RepeaterWindow is the span the relays were attributed over (transported_scopes' 7 d).
	RepeaterWindow string           `json:"repeaterWindow"`
	TopRepeaters   []ScopeTopRelays `json:"topRepeaters"`
}

// ScopeSeries counts one named scope's transport-route transmissions per bucket.
type ScopeSeries struct {
	Name   string `json:"name"`
	Total  int    `json:"total"`
	Counts []int  `json:"counts"`
}

// ScopeTopRelays lists the repeaters seen forwarding one scope most, most first.
type ScopeTopRelays struct {
	Scope     string       `json:"scope"`
	Repeaters []ScopeRelay `json:"repeaters"`
}

// ScopeRelay is one repeater's count of distinct transmissions of a scope it forwarded.
type ScopeRelay struct {
	PublicKey string  `json:"public_key"`
	Name      *string `json:"name"`
	Count     int     `json:"count"`
}

// ComputeScopeBreakdown buckets the window's named-scope transmissions like
// ComputeScopeStats and ranks, per scope, the top repeaters of relays (BuildRelayScopes
// over repeaterWindow; unambiguous hops only). name looks up a node's name (nil: unknown).
func ComputeScopeBreakdown(src ScopeSource, window string, now time.Time, relays map[string]*RelayScopes,
	repeaterWindow string, top int, name func(pubkey string) *string) (ScopeBreakdown, error) {
	span, step, ok := ScopeWindow(window)
	if !ok {
		return ScopeBreakdown{}, errUnknownWindow(window)
	}
	now = now.UTC()
	since := now.Add(-span)
	start := since.Truncate(step)
	n := int(span/step) + 1
	out := ScopeBreakdown{Window: window, Buckets: make([]string, n), Scopes: []ScopeSeries{}, RepeaterWindow: repeaterWindow, TopRepeaters: []ScopeTopRelays{}}
	for i := range out.Buckets {
		out.Buckets[i] = start.Add(time.Duration(i) * step).Format(time.RFC3339)
	}
	byName := map[string]*ScopeSeries{}
	err := src.TransportScopes(since, func(first string, scope *string) {
		if scope == nil || *scope == "" {
			return
		}
		s := byName[*scope]
		if s == nil {
			s = &ScopeSeries{Name: *scope, Counts: make([]int, n)}
			byName[*scope] = s
		}
		s.Total++
		if t, ok := ParseTime(first); ok {
			if i := int(t.Sub(start) / step); i >= 0 && i < n {
				s.Counts[i]++
			}
		}
	})
	if err != nil {
		return ScopeBreakdown{}, err
	}
	for _, s := range byName {
		out.Scopes = append(out.Scopes, *s)
	}
	sort.Slice(out.Scopes, func(i, j int) bool {
		a, b := out.Scopes[i], out.Scopes[j]
		return a.Total > b.Total || a.Total == b.Total && a.Name < b.Name
	})
	out.TopRepeaters = topRelays(relays, top, name)
	return out, nil
}

// topRelays inverts repeater → scope counts into scope → the top repeaters (count, then key).
func topRelays(relays map[string]*RelayScopes, top int, name func(string) *string) []ScopeTopRelays {
	byScope := map[string][]ScopeRelay{}
	for pk, r := range relays {
		for scope, c := range r.Transported {
			byScope[scope] = append(byScope[scope], ScopeRelay{PublicKey: pk, Count: c})
		}
	}
	scopes := make([]string, 0, len(byScope))
	for s := range byScope {
		scopes = append(scopes, s)
	}
	sort.Strings(scopes)
	out := []ScopeTopRelays{}
	for _, scope := range scopes {
		list := byScope[scope]
		sort.Slice(list, func(i, j int) bool {
			return list[i].Count > list[j].Count || list[i].Count == list[j].Count && list[i].PublicKey < list[j].PublicKey
		})
		if len(list) > top {
			list = list[:top]
		}
		for i := range list {
			list[i].Name = name(list[i].PublicKey)
		}
		out = append(out, ScopeTopRelays{Scope: scope, Repeaters: list})
	}
	return out
}
