package analytics

import (
	"time"

	"github.com/corescope/corescope/internal/hops"
)

// parsedPath is hops.ParsePathPtr, named so for the functions here whose local
// variable "hops" (hop counts) shadows the package.
func parsedPath(p *string) []string { return hops.ParsePathPtr(p) }

// ParseTime reads a stored timestamp (ISO 8601 with optional fraction and Z, or SQLite's
// "2006-01-02 15:04:05"), as UTC.
func ParseTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000Z", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// hourOf is the "YYYY-MM-DDTHH" bucket of a timestamp.
func hourOf(ts string) string {
	if len(ts) >= 13 {
		return ts[:13]
	}
	return ts
}
