package hops

import (
	"encoding/json"
	"strings"
)

// ParsePath decodes a path_json hop array like ["AB","C0FF"]: the one parser every
// layer uses (ingest, store, analytics, api). Hops keep their stored case. It returns
// nil when the text is empty, malformed, not an array of strings, or an empty array.
// Flat arrays of plain strings (every real path) are split without encoding/json,
// because every analytics pass parses every observation's path.
func ParsePath(s string) []string {
	return AppendPath(nil, s)
}

// ParsePathPtr is ParsePath of a nullable column (nil when p is nil).
func ParsePathPtr(p *string) []string {
	if p == nil {
		return nil
	}
	return ParsePath(*p)
}

// AppendPath appends the hops of s to dst (dst unchanged when s has none), so a scan
// can reuse one buffer.
func AppendPath(dst []string, s string) []string {
	t := strings.TrimSpace(s)
	if !plain(t) {
		return decodePath(dst, s)
	}
	body := strings.TrimSpace(t[1 : len(t)-1])
	if body == "" {
		return dst
	}
	n := len(dst)
	for part := range strings.SplitSeq(body, ",") {
		part = strings.TrimSpace(part)
		if len(part) < 2 || part[0] != '"' || part[len(part)-1] != '"' || strings.ContainsRune(part[1:len(part)-1], '"') {
			return decodePath(dst[:n], s)
		}
		dst = append(dst, part[1:len(part)-1])
	}
	return dst
}

// CountHops is len(ParsePath(s)) without building the list.
func CountHops(s string) int {
	t := strings.TrimSpace(s)
	if !plain(t) {
		return len(decodePath(nil, s))
	}
	body := strings.TrimSpace(t[1 : len(t)-1])
	if body == "" {
		return 0
	}
	n := 0
	for part := range strings.SplitSeq(body, ",") {
		part = strings.TrimSpace(part)
		if len(part) < 2 || part[0] != '"' || part[len(part)-1] != '"' || strings.ContainsRune(part[1:len(part)-1], '"') {
			return len(decodePath(nil, s))
		}
		n++
	}
	return n
}

// decodePath is the slow path for anything unusual (escapes, odd spacing).
func decodePath(dst []string, s string) []string {
	if strings.TrimSpace(s) == "" {
		return dst
	}
	var hops []string
	if json.Unmarshal([]byte(s), &hops) != nil {
		return dst
	}
	return append(dst, hops...)
}

// plain reports a bracketed array text of printable ASCII without escapes, the shape
// the fast path splits; anything else goes through encoding/json.
func plain(t string) bool {
	if len(t) < 2 || t[0] != '[' || t[len(t)-1] != ']' {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; c < 0x20 || c >= 0x7f || c == '\\' {
			return false
		}
	}
	return true
}
