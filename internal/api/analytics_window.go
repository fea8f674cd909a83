package api

import (
	"net/url"
	"time"
)

// Time-window query parameters of the analytics endpoints (api.md §1.5).
var (
	pWindow = q("window", "string", "1h, 24h, 1d, 3d, 7d, 1w or 30d")
	pFrom   = q("from", "string", "RFC3339 start (wins over window)")
	pTo     = q("to", "string", "RFC3339 end")
)

// parseTimeWindow turns from/to (RFC3339; invalid values ignored) or window into
// first_seen bounds ("" = open). from/to take precedence; an unknown window is no window.
func parseTimeWindow(q url.Values, now time.Time) (since, until string) {
	from, errF := time.Parse(time.RFC3339, q.Get("from"))
	to, errT := time.Parse(time.RFC3339, q.Get("to"))
	if errF == nil || errT == nil {
		if errF == nil {
			since = from.UTC().Format(time.RFC3339)
		}
		if errT == nil {
			until = to.UTC().Format(time.RFC3339)
		}
		return since, until
	}
	d, ok := map[string]time.Duration{"1h": time.Hour, "24h": 24 * time.Hour, "1d": 24 * time.Hour, "3d": 72 * time.Hour,
		"7d": 7 * 24 * time.Hour, "1w": 7 * 24 * time.Hour, "30d": 30 * 24 * time.Hour}[q.Get("window")]
	if !ok {
		return "", ""
	}
	return now.UTC().Add(-d).Format(time.RFC3339), ""
}
