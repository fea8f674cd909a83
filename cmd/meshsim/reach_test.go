package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

// sqlReach is the test's own reading of one node's links from the observations table:
// each flood observation (or zero-hop packet) is the chain originator → resolved hops →
// observer, every radio hearing the one before it.
type sqlLink struct {
	we, they       int
	weSNR, theySNR []float64
	direct         int
	directSNR      []float64
}

func sqlReach(t *testing.T, db *sql.DB, pk string, since time.Time) map[string]*sqlLink {
	t.Helper()
	rows, err := db.Query(`SELECT COALESCE(lower(t.from_pubkey), ''), t.route_type, COALESCE(o.path_json, '[]'), COALESCE(o.resolved_path, '[]'),
		o.snr, lower(obs.id) FROM observations o JOIN transmissions t ON t.id = o.transmission_id
		JOIN observers obs ON obs.rowid = o.observer_idx WHERE o.timestamp >= ?`, since.Unix())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]*sqlLink{}
	get := func(k string) *sqlLink {
		if out[k] == nil {
			out[k] = &sqlLink{}
		}
		return out[k]
	}
	for rows.Next() {
		var from, pathJSON, resolvedJSON, observer string
		var route int
		var snr sql.NullFloat64
		if err := rows.Scan(&from, &route, &pathJSON, &resolvedJSON, &snr, &observer); err != nil {
			t.Fatal(err)
		}
		var hops []string
		var resolved []*string
		json.Unmarshal([]byte(pathJSON), &hops)
		json.Unmarshal([]byte(resolvedJSON), &resolved)
		if route > 1 && len(hops) > 0 {
			continue
		}
		chain := []string{from}
		for i := range hops {
			r := ""
			if i < len(resolved) && resolved[i] != nil {
				r = strings.ToLower(*resolved[i])
			}
			chain = append(chain, r)
		}
		chain = append(chain, observer)
		for i := 0; i+1 < len(chain); i++ {
			a, b := chain[i], chain[i+1]
			if a == "" || b == "" || a == b {
				continue
			}
			last := i+2 == len(chain)
			switch pk {
			case a:
				l := get(b)
				l.they++
				if last {
					l.direct++
					if snr.Valid {
						l.theySNR = append(l.theySNR, snr.Float64)
						l.directSNR = append(l.directSNR, snr.Float64)
					}
				}
			case b:
				l := get(a)
				l.we++
				if last && snr.Valid {
					l.weSNR = append(l.weSNR, snr.Float64)
				}
			}
		}
	}
	return out
}

func mean2(v []float64) *float64 {
	if len(v) == 0 {
		return nil
	}
	s := 0.0
	for _, x := range v {
		s += x
	}
	m := math.Round(s/float64(len(v))*100) / 100
	return &m
}

func sameF(a, b *float64) bool {
	return (a == nil) == (b == nil) && (a == nil || math.Abs(*a-*b) < 0.006)
}

type reachBody struct {
	Node       struct{ Pubkey string }
	Importance struct {
		BidirectionalLinks int `json:"bidirectional_links"`
		DirectObservers    int `json:"direct_observers"`
		NeighborDegree     int `json:"neighbor_degree"`
	}
	DirectObservers []struct {
		Pubkey string
		Count  int
		AvgSNR *float64 `json:"avg_snr"`
	} `json:"direct_observers"`
	Links []struct {
		Pubkey      string
		WeHear      int      `json:"we_hear"`
		TheyHear    int      `json:"they_hear"`
		Bidir       bool     `json:"bidir"`
		WeHearSNR   *float64 `json:"we_hear_snr"`
		TheyHearSNR *float64 `json:"they_hear_snr"`
		DistanceKm  *float64 `json:"distance_km"`
		LastHeard   string   `json:"last_heard"`
	}
}

// TestNodeReach_MatchesSQL compares /api/nodes/{pk}/reach for every simulated observer
// (they hear and are heard, so both SNR directions exist) with the test's own walk over
// the observations table.
func TestNodeReach_MatchesSQL(t *testing.T) {
	g, path, now := simReachDB(t)
	srv := testutil.NewTestServerAt(t, path, func(o *api.Options) { o.Now = func() time.Time { return now } })
	db, err := schema.OpenReadOnly(context.Background(), path, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	since := now.Add(-24 * time.Hour)
	checkedLinks, bothSNR := 0, 0
	for _, o := range g.World().Observers {
		pk := hexKey(o.Node)
		want := sqlReach(t, db, pk, since)
		var got reachBody
		if code, body := getJSONStatus(t, srv.URL+"/api/nodes/"+pk+"/reach?days=1", &got); code != 200 {
			t.Fatalf("reach %s: %d %s", pk[:8], code, body)
		}
		if len(got.Links) != len(want) {
			t.Errorf("%s: %d links, SQL %d", pk[:8], len(got.Links), len(want))
		}
		bidir := 0
		for _, l := range got.Links {
			w := want[l.Pubkey]
			if w == nil {
				t.Errorf("%s: link to %s not in SQL", pk[:8], l.Pubkey[:8])
				continue
			}
			checkedLinks++
			if l.WeHear != w.we || l.TheyHear != w.they || l.Bidir != (w.we > 0 && w.they > 0) {
				t.Errorf("%s↔%s: we %d they %d, SQL %d %d", pk[:8], l.Pubkey[:8], l.WeHear, l.TheyHear, w.we, w.they)
			}
			if !sameF(l.WeHearSNR, mean2(w.weSNR)) || !sameF(l.TheyHearSNR, mean2(w.theySNR)) {
				t.Errorf("%s↔%s: SNR we %v they %v, SQL %v %v", pk[:8], l.Pubkey[:8], l.WeHearSNR, l.TheyHearSNR, mean2(w.weSNR), mean2(w.theySNR))
			}
			if l.WeHearSNR != nil && l.TheyHearSNR != nil {
				bothSNR++
			}
			if l.Bidir {
				bidir++
			}
			if l.LastHeard == "" {
				t.Errorf("%s↔%s: no last_heard", pk[:8], l.Pubkey[:8])
			}
		}
		if got.Importance.BidirectionalLinks != bidir {
			t.Errorf("%s: bidirectional_links %d, links say %d", pk[:8], got.Importance.BidirectionalLinks, bidir)
		}
		direct := 0
		for _, w := range want {
			if w.direct > 0 {
				direct++
			}
		}
		if len(got.DirectObservers) != direct || got.Importance.DirectObservers != direct {
			t.Errorf("%s: %d direct observers, SQL %d", pk[:8], len(got.DirectObservers), direct)
		}
		for _, d := range got.DirectObservers {
			w := want[d.Pubkey]
			if w == nil || d.Count != w.direct || !sameF(d.AvgSNR, mean2(w.directSNR)) {
				t.Errorf("%s: direct observer %s count %d snr %v, SQL %+v", pk[:8], d.Pubkey[:8], d.Count, d.AvgSNR, w)
			}
		}
	}
	t.Logf("%d observers, %d links checked, %d with SNR both ways", len(g.World().Observers), checkedLinks, bothSNR)
	if checkedLinks < 20 || bothSNR == 0 {
		t.Fatalf("too little to compare: %d links, %d with both SNRs", checkedLinks, bothSNR)
	}
}
