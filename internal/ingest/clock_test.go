package ingest

import (
	"testing"
	"time"
)

func TestNaiveSkew_ZoneAwareAndNaive(t *testing.T) {
	at := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		ts   string
		want int64 // 0 = nil
	}{
		{"2026-01-01T10:00:00", -7200},
		{"2026-01-01 10:00:00.5", -7200},
		{"2026-01-01T14:30:00.123456", 9000},
		{"2026-01-01T11:55:00", 0}, // within 15 minutes
		{"2026-01-01T10:00:00Z", 0},
		{"2026-01-01T10:00:00+02:00", 0},
		{"2026-01-01T10:00:00-05:00", 0},
		{"garbage", 0},
	} {
		got := naiveSkew(c.ts, at)
		if (got == nil) != (c.want == 0) || (got != nil && *got != c.want) {
			t.Errorf("naiveSkew(%q) = %v, want %d (0 = none)", c.ts, got, c.want)
		}
	}
}
