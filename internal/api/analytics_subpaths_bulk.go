package api

import (
	"github.com/corescope/corescope/internal/analytics"
	"net/http"
	"strconv"
	"strings"
)

// parseGroups reads "2-2:50,3-3:30"; errors are the client-visible text.
func parseGroups(v string) ([]analytics.SubpathQuery, string) {
	if strings.TrimSpace(v) == "" {
		return nil, "groups parameter required (e.g. groups=2-2:50,3-3:30)"
	}
	var out []analytics.SubpathQuery
	for _, g := range splitList(v) {
		rng, lim, ok := strings.Cut(g, ":")
		if !ok {
			return nil, "invalid group format: " + g
		}
		lo, hi, ok := strings.Cut(rng, "-")
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if !ok || err1 != nil || err2 != nil {
			return nil, "invalid range format: " + rng
		}
		l, err := strconv.Atoi(lim)
		if err != nil || a < 2 || b < a || l < 1 || b > 64 {
			return nil, "invalid group: " + g
		}
		out = append(out, analytics.SubpathQuery{MinLen: a, MaxLen: b, Limit: min(l, 200)})
	}
	return out, ""
}

// analyticsSubpathsBulk runs several length buckets over one scan (api.md §3.5 #57;
// internal/analytics); like the reference, validation errors answer 200 {"error"}.
func (s *Server) analyticsSubpathsBulk(r *http.Request) (any, error) {
	if _, err := parseList("groups", r.URL.Query().Get("groups"), maxGroups); err != nil {
		return nil, err
	}
	groups, msg := parseGroups(r.URL.Query().Get("groups"))
	if msg != "" {
		return map[string]string{"error": msg}, nil
	}
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	return analytics.ComputeSubpathsBulk(s.analyticsSource(r.Context()), w, groups)
}

// analyticsSubpathDetail describes the transmissions whose path contains hops in order
// (api.md §3.5 #58; internal/analytics).
func (s *Server) analyticsSubpathDetail(r *http.Request) (any, error) {
	list, err := parseList("hops", r.URL.Query().Get("hops"), maxHops)
	if err != nil {
		return nil, err
	}
	var hops []string
	for _, h := range list {
		hops = append(hops, strings.ToUpper(h))
	}
	if len(hops) < 2 {
		return map[string]string{"error": "Need at least 2 hops"}, nil
	}
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	return analytics.ComputeSubpathDetail(s.analyticsSource(r.Context()), w, hops)
}
