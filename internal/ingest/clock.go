package ingest

import (
	"math"
	"strings"
	"time"
)

// naiveLayouts are Python isoformat timestamps without a zone.
var naiveLayouts = []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999"}

// naiveSkew returns the signed offset (envelope − receipt, seconds) of a timestamp
// without a zone that is more than 15 minutes off; observers with such clocks get the
// skew recorded. Stored times are always ingest time (issue #1370: clocks are untrusted),
// so zone-aware and unparseable values need nothing here.
func naiveSkew(ts string, at time.Time) *int64 {
	if ts == "" || at.IsZero() {
		return nil
	}
	if len(ts) > 10 && strings.ContainsAny(ts[10:], "Zz+-") { // zone-aware: skip the failing parses
		return nil
	}
	for _, layout := range naiveLayouts {
		t, err := time.ParseInLocation(layout, ts, time.UTC)
		if err != nil {
			continue
		}
		off := t.Sub(at).Seconds()
		if math.Abs(off) <= 15*60 || math.Abs(off) > 400*24*3600 {
			return nil
		}
		s := int64(math.Round(off))
		return &s
	}
	return nil
}
