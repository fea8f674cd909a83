package alerts

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Scope alert kinds (issue #20, docs/scopes.md).
const (
	// KindScopeMismatch: a repeater configured scoped keeps forwarding outside its configuration.
	KindScopeMismatch = "scope_mismatch"
	// KindScopeUnscopedRegion: unscoped floods relayed in a region whose repeaters are configured scoped.
	KindScopeUnscopedRegion = "scope_unscoped_region"
)

// ScopeRepeater is one repeater's scope facts (the server's /api/nodes verdict).
type ScopeRepeater struct {
	Key, Name string
	// State is scope_config_state: "mismatch" is what KindScopeMismatch watches.
	State      string
	Mismatches []string
	// Declared are the regions the repeater declares ("#name").
	Declared []string
	// Configured: a confirmed configuration is known; Open: it allows unscoped traffic.
	Configured, Open bool
	// Unscoped24h counts unscoped floods it relayed in the last 24 h.
	Unscoped24h int
}

// scopeAlerts reports repeaters in mismatch for at least ScopeMismatch (tracked from the
// first evaluation that saw them so; a repeater that leaves the state starts over) and
// scoped regions with at least ScopeUnscopedRelays unscoped relays in 24 h.
func (m *Manager) scopeAlerts(now time.Time) []Alert {
	o := m.opts
	if o.ScopeRepeaters == nil || (o.ScopeMismatch <= 0 && o.ScopeUnscopedRelays <= 0) {
		return nil
	}
	list, err := o.ScopeRepeaters()
	if err != nil {
		m.logErr(now, "read scope facts", err)
		return nil
	}
	var out []Alert
	if o.ScopeMismatch > 0 {
		out = append(out, m.mismatchAlerts(list, now)...)
	}
	if o.ScopeUnscopedRelays > 0 {
		out = append(out, unscopedRegionAlerts(list, o.ScopeUnscopedRelays)...)
	}
	return out
}

func (m *Manager) mismatchAlerts(list []ScopeRepeater, now time.Time) []Alert {
	m.mu.Lock()
	defer m.mu.Unlock()
	held := map[string]time.Time{}
	var out []Alert
	for _, r := range list {
		if r.State != "mismatch" {
			continue
		}
		key := strings.ToLower(r.Key)
		since, ok := m.scopeSince[key]
		if !ok {
			since = now
		}
		held[key] = since
		if d := now.Sub(since); d >= m.opts.ScopeMismatch {
			s := Seen{ID: key, Name: r.Name}
			out = append(out, Alert{Kind: KindScopeMismatch, Subject: key, Name: r.Name,
				Message: fmt.Sprintf("repeater %s forwards outside its configured scopes (%s) for %s (limit %s)",
					label(s), strings.Join(r.Mismatches, ", "), round(d), m.opts.ScopeMismatch)})
		}
	}
	m.scopeSince = held
	return out
}

// unscopedRegionAlerts: a region is configured scoped when a repeater declaring it has a
// confirmed `denyf *` configuration; unscoped floods relayed there by any repeater declaring
// it (an open or unconfigured one included) leak past that configuration.
func unscopedRegionAlerts(list []ScopeRepeater, limit int) []Alert {
	type region struct {
		scoped   bool
		unscoped int
		relays   []string
	}
	byName := map[string]*region{}
	for _, r := range list {
		for _, d := range r.Declared {
			g := byName[d]
			if g == nil {
				g = &region{}
				byName[d] = g
			}
			g.scoped = g.scoped || r.Configured && !r.Open
			if r.Unscoped24h > 0 {
				g.unscoped += r.Unscoped24h
				g.relays = append(g.relays, label(Seen{ID: r.Key, Name: r.Name}))
			}
		}
	}
	var out []Alert
	for name, g := range byName {
		if !g.scoped || g.unscoped < limit {
			continue
		}
		sort.Strings(g.relays)
		out = append(out, Alert{Kind: KindScopeUnscopedRegion, Subject: name, Name: name,
			Message: fmt.Sprintf("region %s is configured scoped, but its repeaters relayed %d unscoped floods in 24 h (limit %d): %s",
				name, g.unscoped, limit, strings.Join(g.relays, ", "))})
	}
	return out
}
