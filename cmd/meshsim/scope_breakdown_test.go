package main

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

type breakdown struct {
	Buckets []string `json:"buckets"`
	Scopes  []struct {
		Name   string `json:"name"`
		Total  int    `json:"total"`
		Counts []int  `json:"counts"`
	} `json:"scopes"`
	TopRepeaters []struct {
		Scope     string `json:"scope"`
		Repeaters []struct {
			PublicKey string `json:"public_key"`
			Count     int    `json:"count"`
		} `json:"repeaters"`
	} `json:"topRepeaters"`
}

// TestScopeBreakdown_AgainstSQL serves a simulated scoped mesh and checks
// /api/scope-stats/breakdown against SQL over the database: each named scope's total and
// per-hour counts, and per scope the top five repeaters by distinct transmissions relayed
// through an unambiguous hop in 7 days (ties by key).
func TestScopeBreakdown_AgainstSQL(t *testing.T) {
	_, path, now := simScopesDB(t)
	srv := testutil.NewTestServerAt(t, path, func(o *api.Options) { o.Now = func() time.Time { return now } })
	resp, err := http.Get(srv.URL + "/api/scope-stats/breakdown?window=24h")
	if err != nil {
		t.Fatal(err)
	}
	var got breakdown
	err = json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("breakdown: %d %v", resp.StatusCode, err)
	}
	db, err := schema.OpenReadOnly(context.Background(), path, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	since := now.UTC().Add(-24 * time.Hour).Format(time.RFC3339)
	rows, err := db.Query(`SELECT scope_name, substr(first_seen, 1, 13), COUNT(*) FROM transmissions
		WHERE route_type IN (0, 3) AND scope_name LIKE '#%' AND first_seen >= ? GROUP BY 1, 2`, since)
	if err != nil {
		t.Fatal(err)
	}
	wantHour := map[string]map[string]int{}
	wantTotal := map[string]int{}
	for rows.Next() {
		var name, hour string
		var c int
		if err := rows.Scan(&name, &hour, &c); err != nil {
			t.Fatal(err)
		}
		if wantHour[name] == nil {
			wantHour[name] = map[string]int{}
		}
		wantHour[name][hour] += c
		wantTotal[name] += c
	}
	rows.Close()
	if len(got.Scopes) != len(wantTotal) || len(wantTotal) == 0 {
		t.Fatalf("%d scopes, SQL %d (> 0)", len(got.Scopes), len(wantTotal))
	}
	for _, s := range got.Scopes {
		if s.Total != wantTotal[s.Name] {
			t.Errorf("%s total %d, SQL %d", s.Name, s.Total, wantTotal[s.Name])
		}
		for i, c := range s.Counts {
			if want := wantHour[s.Name][got.Buckets[i][:13]]; c != want {
				t.Errorf("%s bucket %s: %d, SQL %d", s.Name, got.Buckets[i], c, want)
			}
		}
	}

	// Top repeaters: the attribution rule of sqlRelayScopes, counted per scope.
	rows, err = db.Query(`WITH hop AS (
		SELECT o.transmission_id AS tx, t.scope_name AS scope, lower(r.value) AS pk
		FROM observations o JOIN transmissions t ON t.id = o.transmission_id,
		     json_each(o.resolved_path) r, json_each(o.path_json) p
		WHERE o.resolved_path IS NOT NULL AND r.key = p.key AND r.value IS NOT NULL AND o.timestamp >= ?
		  AND t.route_type IN (0, 3) AND t.scope_name LIKE '#%'
		  AND substr(lower(r.value), 1, length(p.value)) = lower(p.value)
		  AND (SELECT COUNT(*) FROM nodes n WHERE substr(n.public_key, 1, length(p.value)) = lower(p.value)) = 1)
		SELECT scope, pk, COUNT(DISTINCT tx) FROM hop GROUP BY scope, pk`, now.Add(-7*24*time.Hour).Unix())
	if err != nil {
		t.Fatal(err)
	}
	type relay struct {
		pk string
		c  int
	}
	want := map[string][]relay{}
	for rows.Next() {
		var scope, pk string
		var c int
		if err := rows.Scan(&scope, &pk, &c); err != nil {
			t.Fatal(err)
		}
		want[scope] = append(want[scope], relay{pk, c})
	}
	rows.Close()
	if len(got.TopRepeaters) != len(want) || len(want) == 0 {
		t.Fatalf("top repeaters for %d scopes, SQL %d (> 0)", len(got.TopRepeaters), len(want))
	}
	for _, tr := range got.TopRepeaters {
		w := want[tr.Scope]
		sort.Slice(w, func(i, j int) bool { return w[i].c > w[j].c || w[i].c == w[j].c && w[i].pk < w[j].pk })
		if len(w) > 5 {
			w = w[:5]
		}
		if len(tr.Repeaters) != len(w) {
			t.Errorf("%s: %d repeaters, SQL %d", tr.Scope, len(tr.Repeaters), len(w))
			continue
		}
		for i, r := range tr.Repeaters {
			if r.PublicKey != w[i].pk || r.Count != w[i].c {
				t.Errorf("%s #%d: %s×%d, SQL %s×%d", tr.Scope, i+1, r.PublicKey[:8], r.Count, w[i].pk[:8], w[i].c)
			}
		}
	}
}
