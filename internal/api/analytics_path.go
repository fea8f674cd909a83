package api

import "strings"

// hopList parses a path_json hop array like ["AB","C0FF"] without encoding/json (the
// analytics passes parse every observation's path). Anything but a flat array of plain
// strings falls back to parsePath.
func hopList(p *string) []string {
	if p == nil {
		return nil
	}
	s := strings.TrimSpace(*p)
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' || strings.ContainsRune(s, '\\') {
		return parsePath(p)
	}
	body := strings.TrimSpace(s[1 : len(s)-1])
	if body == "" {
		return nil
	}
	out := make([]string, 0, strings.Count(body, ",")+1)
	for part := range strings.SplitSeq(body, ",") {
		part = strings.TrimSpace(part)
		if len(part) < 2 || part[0] != '"' || part[len(part)-1] != '"' || strings.ContainsRune(part[1:len(part)-1], '"') {
			return parsePath(p)
		}
		out = append(out, part[1:len(part)-1])
	}
	return out
}
