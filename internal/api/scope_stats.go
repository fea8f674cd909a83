package api

import (
	"database/sql"
	"fmt"
	"net/http"
	"sort"
	"time"
)

// scopeWindow maps a /api/scope-stats window to its span and bucket width.
func scopeWindow(w string) ([2]time.Duration, bool) {
	v, ok := map[string][2]time.Duration{
		"1h":  {time.Hour, 5 * time.Minute},
		"24h": {24 * time.Hour, time.Hour},
		"7d":  {7 * 24 * time.Hour, 6 * time.Hour},
	}[w]
	return v, ok
}

// getScopeStats serves the snapshot-cached transport-scope statistics.
func (s *Server) getScopeStats(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).computeScopeStats, "window")(s, w, r)
}

// computeScopeStats counts transport-routed transmissions (route 0/3) by scope
// (api.md §3.2 #13): scope_name "#name" is scoped, "" an unknown region, NULL a
// transport packet without a scope code (unscoped).
func (s *Server) computeScopeStats(r *http.Request) (any, error) {
	win := r.URL.Query().Get("window")
	if win == "" {
		win = "24h"
	}
	spec, ok := scopeWindow(win)
	if !ok {
		return nil, errorf(ErrBadRequest, "window must be 1h, 24h, or 7d")
	}
	if s.opts.DB == nil {
		return nil, errorf(ErrUnavailable, errNoDB.Error())
	}
	now := s.opts.Now().UTC()
	since := now.Add(-spec[0])
	rows, err := s.opts.DB.QueryContext(r.Context(), `SELECT first_seen, scope_name FROM transmissions WHERE route_type IN (0, 3) AND first_seen >= ?`, since.Format(time.RFC3339))
	if err != nil {
		return nil, fmt.Errorf("query scope stats: %w", err)
	}
	defer rows.Close()
	sum := map[string]int{"transportTotal": 0, "scoped": 0, "unscoped": 0, "unknownScope": 0}
	byName := map[string]int{}
	n := int(spec[0]/spec[1]) + 1
	series := make([]map[string]any, n)
	start := since.Truncate(spec[1])
	for i := range series {
		series[i] = map[string]any{"t": start.Add(time.Duration(i) * spec[1]).Format(time.RFC3339), "scoped": 0, "unscoped": 0}
	}
	for rows.Next() {
		var first string
		var scope sql.NullString
		if err := rows.Scan(&first, &scope); err != nil {
			return nil, fmt.Errorf("scan scope stats: %w", err)
		}
		sum["transportTotal"]++
		key := "unscoped"
		switch {
		case scope.Valid && scope.String != "":
			sum["scoped"]++
			byName[scope.String]++
			key = "scoped"
		case scope.Valid:
			sum["unknownScope"]++
		default:
			sum["unscoped"]++
		}
		if t, ok := parseObsTime(first); ok {
			if i := int(t.Sub(start) / spec[1]); i >= 0 && i < n {
				series[i][key] = series[i][key].(int) + 1
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read scope stats: %w", err)
	}
	regions := []map[string]any{}
	for name, c := range byName {
		regions = append(regions, map[string]any{"name": name, "count": c})
	}
	sort.Slice(regions, func(i, j int) bool {
		if regions[i]["count"].(int) != regions[j]["count"].(int) {
			return regions[i]["count"].(int) > regions[j]["count"].(int)
		}
		return regions[i]["name"].(string) < regions[j]["name"].(string)
	})
	return map[string]any{"window": win, "summary": sum, "byRegion": regions, "timeSeries": series}, nil
}
