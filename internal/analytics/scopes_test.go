package analytics

import (
	"testing"
	"time"
)

type scopeRows []struct {
	first string
	scope *string
}

func (r scopeRows) TransportScopes(since time.Time, fn func(string, *string)) error {
	for _, x := range r {
		if t, _ := ParseTime(x.first); !t.Before(since) {
			fn(x.first, x.scope)
		}
	}
	return nil
}

// NonTransportCount: these fakes hold transport packets only.
func (r scopeRows) NonTransportCount(time.Time) (int, error) { return 0, nil }

// TestComputeScopeStats: over the hour to 12:00, two #west packets, one unknown-region
// packet and one without a scope code (plus one a day old, outside): 4 in total, 2
// scoped; the 11:55 bucket holds the scoped pair, unknown and unscoped count as unscoped.
func TestComputeScopeStats(t *testing.T) {
	west, unknown := "#west", ""
	rows := scopeRows{
		{"2026-01-01T11:55:10Z", &west}, {"2026-01-01T11:56:00.000Z", &west},
		{"2026-01-01T11:10:00Z", &unknown}, {"2026-01-01T11:20:00Z", nil}, {"2025-12-31T11:00:00Z", &west},
	}
	st, err := ComputeScopeStats(rows, "1h", time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if st.Summary != (ScopeSummary{TransportTotal: 4, Scoped: 2, UnknownScope: 1, Unscoped: 1}) {
		t.Fatalf("summary %+v", st.Summary)
	}
	if len(st.ByRegion) != 1 || st.ByRegion[0] != (NameCount{Name: "#west", Count: 2}) {
		t.Fatalf("by region %+v", st.ByRegion)
	}
	if len(st.TimeSeries) != 3 || st.TimeSeries[2] != (ScopeBucket{T: "2026-01-01T11:55:00Z", Scoped: 2}) ||
		st.TimeSeries[0] != (ScopeBucket{T: "2026-01-01T11:10:00Z", Unscoped: 1}) || st.TimeSeries[1] != (ScopeBucket{T: "2026-01-01T11:20:00Z", Unscoped: 1}) {
		t.Fatalf("time series %+v", st.TimeSeries)
	}
	if _, err := ComputeScopeStats(rows, "2h", time.Now()); err == nil {
		t.Fatal("an unknown window was accepted")
	}
}
