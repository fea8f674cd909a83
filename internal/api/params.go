package api

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// clampLimit applies the shared clamp: empty/invalid/<=0 → def; > max → max (api.md §11).
func clampLimit(v string, def, max int) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 0 {
		return def
	}
	return min(n, max)
}

// parseOffset reads offset; invalid or negative → 0.
func parseOffset(v string) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// clampInt parses v into [lo, hi], def when invalid.
func clampInt(v string, def, lo, hi int) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def
	}
	return min(max(n, lo), hi)
}

// List bounds for request parameters (issue #16 item 4): work in the handlers grows with
// the list, so every list that comes from a query, a path or a body is capped.
const (
	maxHops      = 64    // a MeshCore path has at most 64 hops
	maxKeys      = 200   // pubkeys, node names, observer ids, content hashes
	maxRegions   = 64    // IATA codes
	maxGroups    = 16    // subpaths-bulk length buckets
	maxTypes     = 32    // payload types (0-15 today, room for new ones)
	maxListChars = 16384 // raw text of one list parameter
)

// listParams are the query parameters read with parseList (the OpenAPI document lists
// their 400).
var listParams = map[string]bool{"hops": true, "nodes": true, "observer": true, "from_node": true, "region": true, "groups": true, "type": true}

// parseList splits the comma list of parameter name, trimming and dropping blanks, and
// refuses (400) a raw text over maxListChars or more than maxItems items.
func parseList(name, raw string, maxItems int) ([]string, error) {
	if len(raw) > maxListChars {
		return nil, errorf(ErrBadRequest, fmt.Sprintf("%s parameter too long (max %d characters)", name, maxListChars))
	}
	out := splitList(raw)
	return out, checkListLen(name, len(out), maxItems)
}

// checkListLen refuses (400) a list of more than maxItems items; JSON bodies use it directly.
func checkListLen(name string, n, maxItems int) error {
	if n > maxItems {
		return errorf(ErrBadRequest, fmt.Sprintf("too many %s (max %d)", name, maxItems))
	}
	return nil
}

// splitList splits a comma list, trimming and dropping blanks (no bound: callers with
// request input use parseList).
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseRegion reads the region parameter: upper-cased IATA codes without ALL (§1.5).
func parseRegion(q url.Values) ([]string, error) {
	codes, err := parseList("region", q.Get("region"), maxRegions)
	var out []string
	for _, p := range codes {
		if p = strings.ToUpper(p); p != "ALL" {
			out = append(out, p)
		}
	}
	return out, err
}

// regionObservers maps IATA codes to the observer ids located there.
func (s *Server) regionObservers(codes []string) ([]string, error) {
	obs, err := s.store.Observers()
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, c := range codes {
		want[c] = true
	}
	ids := []string{}
	for _, o := range obs {
		if o.IATA != nil && want[strings.ToUpper(*o.IATA)] {
			ids = append(ids, o.ID)
		}
	}
	return ids, nil
}

func intPtr(v string) *int {
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		n = 0 // api.md: non-numeric type → 0
	}
	return &n
}
