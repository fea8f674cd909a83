package store

import (
	"slices"
	"strings"
	"time"
)

// FormatTime is the one way times are printed: RFC 3339 UTC, whole seconds as
// "…:33Z" and milliseconds only when there are any ("…:33.250Z"), as the existing
// system prints them (parity.md §3).
func FormatTime(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond() < int(time.Millisecond) {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.000Z")
}

func formatTS(unix int64) string { return FormatTime(time.Unix(unix, 0)) }

// parseFirstSeen parses a first_seen value to unix ms (0 when it does not parse).
func parseFirstSeen(s string) int64 {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UnixMilli()
		}
	}
	return 0
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// lowerHex lower-cases s only when it has upper-case letters (no allocation otherwise).
func lowerHex(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// parseHopKeys parses a resolved_path JSON array of strings and nulls; ok is false
// when s has another shape. Hex keys need no unescaping.
func parseHopKeys(s string, fn func(key string, null bool)) bool {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return false
	}
	body := strings.TrimSpace(s[1 : len(s)-1])
	if body == "" {
		return true
	}
	for part := range strings.SplitSeq(body, ",") {
		part = strings.TrimSpace(part)
		switch {
		case part == "null":
			fn("", true)
		case len(part) >= 2 && part[0] == '"' && part[len(part)-1] == '"' && !strings.ContainsAny(part[1:len(part)-1], `"\`):
			fn(part[1:len(part)-1], false)
		default:
			return false
		}
	}
	return true
}
