package store

import (
	"testing"
	"time"
)

// TestFormatTime: whole seconds print as "…Z", milliseconds only when there are some.
func TestFormatTime(t *testing.T) {
	at := time.Date(2026, 5, 17, 18, 13, 33, 0, time.FixedZone("CEST", 2*3600))
	for in, want := range map[time.Time]string{
		at:                             "2026-05-17T16:13:33Z",
		at.Add(250 * time.Millisecond): "2026-05-17T16:13:33.250Z",
		at.Add(999 * time.Microsecond): "2026-05-17T16:13:33Z",
	} {
		if got := FormatTime(in); got != want {
			t.Errorf("FormatTime(%v) = %s, want %s", in, got, want)
		}
	}
}
