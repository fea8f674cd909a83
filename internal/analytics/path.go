package analytics

import (
	"encoding/json"
	"strings"
	"time"
)

// HopList parses a path_json hop array like ["AB","C0FF"] without encoding/json (every
// pass parses every observation's path); anything but a flat array of plain strings is
// decoded with encoding/json. Nil when absent or empty.
func HopList(p *string) []string {
	if p == nil {
		return nil
	}
	s := strings.TrimSpace(*p)
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' || strings.ContainsRune(s, '\\') {
		return decodeHops(p)
	}
	body := strings.TrimSpace(s[1 : len(s)-1])
	if body == "" {
		return nil
	}
	out := make([]string, 0, strings.Count(body, ",")+1)
	for part := range strings.SplitSeq(body, ",") {
		part = strings.TrimSpace(part)
		if len(part) < 2 || part[0] != '"' || part[len(part)-1] != '"' || strings.ContainsRune(part[1:len(part)-1], '"') {
			return decodeHops(p)
		}
		out = append(out, part[1:len(part)-1])
	}
	return out
}

// decodeHops is HopList's slow path; nil for anything but a non-empty string array.
func decodeHops(p *string) []string {
	if p == nil || *p == "" {
		return nil
	}
	var hops []string
	if json.Unmarshal([]byte(*p), &hops) != nil || len(hops) == 0 {
		return nil
	}
	return hops
}

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
