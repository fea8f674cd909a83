package api

import (
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

// splitList splits a comma list, trimming and dropping blanks.
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
func parseRegion(q url.Values) []string {
	var out []string
	for _, p := range splitList(q.Get("region")) {
		if p = strings.ToUpper(p); p != "ALL" {
			out = append(out, p)
		}
	}
	return out
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
