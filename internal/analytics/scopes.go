package analytics

import (
	"sort"
	"time"
)

// ScopeSource reads transport-routed transmissions (route 0/3) first seen at or after
// since: fn gets each one's first_seen and scope name (nil: no scope code; "": an
// unknown region).
type ScopeSource interface {
	TransportScopes(since time.Time, fn func(firstSeen string, scope *string)) error
	// NonTransportCount counts the other transmissions first seen at or after since.
	NonTransportCount(since time.Time) (int, error)
}

// ScopeWindow is a /api/scope-stats window's span and bucket width.
func ScopeWindow(w string) (span, bucket time.Duration, ok bool) {
	v, ok := map[string][2]time.Duration{
		"1h":  {time.Hour, 5 * time.Minute},
		"24h": {24 * time.Hour, time.Hour},
		"7d":  {7 * 24 * time.Hour, 6 * time.Hour},
	}[w]
	return v[0], v[1], ok
}

// ScopeStats counts transport-routed transmissions by scope (api.md §3.2 #13). JSON keys
// are in the order the endpoint has always written them (alphabetical).
type ScopeStats struct {
	ByRegion   []NameCount   `json:"byRegion"`
	Summary    ScopeSummary  `json:"summary"`
	TimeSeries []ScopeBucket `json:"timeSeries"`
	Window     string        `json:"window"`
}

// ScopeSummary totals the window.
type ScopeSummary struct {
	Scoped         int `json:"scoped"`
	TransportTotal int `json:"transportTotal"`
	UnknownScope   int `json:"unknownScope"`
	Unscoped       int `json:"unscoped"`
}

// ScopeBucket counts the transport packets of one time bucket (RFC 3339 start).
// Unknown-region packets count as unscoped here.
type ScopeBucket struct {
	Scoped   int    `json:"scoped"`
	T        string `json:"t"`
	Unscoped int    `json:"unscoped"`
}

// ComputeScopeStats counts the window ("1h", "24h" or "7d"; ScopeWindow) ending at now:
// scope "#name" is scoped, "" an unknown region, nil a packet without a scope code.
// As in the existing system (parity.md §3), summary.unscoped also counts every
// non-transport packet (none carries a scope), while timeSeries lists only the buckets
// holding transport packets, oldest first ([] when there are none).
func ComputeScopeStats(src ScopeSource, window string, now time.Time) (ScopeStats, error) {
	span, step, ok := ScopeWindow(window)
	if !ok {
		return ScopeStats{}, errUnknownWindow(window)
	}
	now = now.UTC()
	since := now.Add(-span)
	out := ScopeStats{Window: window, ByRegion: []NameCount{}}
	byName := map[string]int{}
	n := int(span/step) + 1
	series := make([]ScopeBucket, n)
	start := since.Truncate(step)
	for i := range series {
		series[i].T = start.Add(time.Duration(i) * step).Format(time.RFC3339)
	}
	err := src.TransportScopes(since, func(first string, scope *string) {
		out.Summary.TransportTotal++
		scoped := false
		switch {
		case scope != nil && *scope != "":
			out.Summary.Scoped++
			byName[*scope]++
			scoped = true
		case scope != nil:
			out.Summary.UnknownScope++
		default:
			out.Summary.Unscoped++
		}
		if t, ok := ParseTime(first); ok {
			if i := int(t.Sub(start) / step); i >= 0 && i < n {
				if scoped {
					series[i].Scoped++
				} else {
					series[i].Unscoped++
				}
			}
		}
	})
	if err != nil {
		return ScopeStats{}, err
	}
	other, err := src.NonTransportCount(since)
	if err != nil {
		return ScopeStats{}, err
	}
	out.Summary.Unscoped += other
	out.TimeSeries = []ScopeBucket{}
	for _, b := range series {
		if b.Scoped+b.Unscoped > 0 {
			out.TimeSeries = append(out.TimeSeries, b)
		}
	}
	for name, c := range byName {
		out.ByRegion = append(out.ByRegion, NameCount{Name: name, Count: c})
	}
	sort.Slice(out.ByRegion, func(i, j int) bool {
		a, b := out.ByRegion[i], out.ByRegion[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Name < b.Name
	})
	return out, nil
}

// errUnknownWindow is returned for a window ScopeWindow does not know.
type errUnknownWindow string

func (e errUnknownWindow) Error() string { return "unknown scope window " + string(e) }
