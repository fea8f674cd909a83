package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/testutil"
)

// TestNodeScopes_FixtureAgainstSQL serves the shared capture (plain floods, many
// 1-byte hops) and checks every repeater's unscoped_relay_count_24h against SQL that
// counts a hop only when no other node's key starts with it, plus the state a confirmed
// `denyf *` answer then gets: mismatch exactly when SQL saw it relay unscoped traffic.
func TestNodeScopes_FixtureAgainstSQL(t *testing.T) {
	var nowUnix atomic.Int64 // set once the fixture's last observation is known
	nowUnix.Store(time.Now().Unix())
	srv := testutil.NewTestServer(t, func(o *api.Options) { o.Now = func() time.Time { return time.Unix(nowUnix.Load(), 0).UTC() } })
	var maxTS int64
	if err := srv.WriterDB.QueryRow(`SELECT MAX(timestamp) FROM observations`).Scan(&maxTS); err != nil {
		t.Fatal(err)
	}
	now := time.Unix(maxTS+60, 0).UTC()
	nowUnix.Store(now.Unix())
	want := map[string]int{}
	rows, err := srv.WriterDB.Query(`SELECT pk, COUNT(DISTINCT tx) FROM (
		SELECT o.transmission_id AS tx, lower(r.value) AS pk
		FROM observations o JOIN transmissions t ON t.id = o.transmission_id,
		     json_each(o.resolved_path) r, json_each(o.path_json) p
		WHERE r.key = p.key AND r.value IS NOT NULL AND o.timestamp >= ?
		  AND (t.route_type = 1 OR (t.route_type = 0 AND t.scope_name IS NULL))
		  AND substr(lower(r.value), 1, length(p.value)) = lower(p.value)
		  AND (SELECT COUNT(*) FROM nodes n WHERE substr(lower(n.public_key), 1, length(p.value)) = lower(p.value)) = 1)
		GROUP BY pk`, now.Add(-24*time.Hour).Unix())
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var pk string
		var n int
		if err := rows.Scan(&pk, &n); err != nil {
			t.Fatal(err)
		}
		want[pk] = n
	}
	rows.Close()
	if len(want) == 0 {
		t.Fatal("SQL attributes no relay in the fixture")
	}
	// One confirmed `denyf *` answer for every repeater: SQL decides scoped vs mismatch.
	var repeaters []string
	rows, err = srv.WriterDB.Query(`SELECT lower(public_key) FROM nodes WHERE lower(role) = 'repeater'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var pk string
		rows.Scan(&pk)
		repeaters = append(repeaters, pk)
	}
	rows.Close()
	for _, pk := range repeaters {
		if _, err := srv.WriterDB.Exec(`INSERT INTO scope_answers (node_pubkey, source_kind, source_id, scopes_json,
			denies_unscoped, responded, status, answered_at) VALUES (?, 'neighbors', 'test', '["#sjc"]', 1, 1, 'ok', ?)`,
			pk, now.Format(time.RFC3339)); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := http.Get(srv.URL + "/api/nodes?limit=10000&role=repeater")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Nodes []struct {
			PublicKey   string    `json:"public_key"`
			Unscoped24h *int      `json:"unscoped_relay_count_24h"`
			Transported *[]string `json:"transported_scopes"`
			Configured  *[]string `json:"configured_scopes"`
			State       string    `json:"scope_config_state"`
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	mismatches := 0
	for _, n := range body.Nodes {
		pk := strings.ToLower(n.PublicKey)
		if n.Unscoped24h == nil || *n.Unscoped24h != want[pk] {
			t.Errorf("%s unscoped_relay_count_24h %v, SQL %d", pk[:8], n.Unscoped24h, want[pk])
		}
		if n.Transported == nil || len(*n.Transported) != 0 {
			t.Errorf("%s transported_scopes %v; the fixture has no transport-route packets", pk[:8], n.Transported)
		}
		wantState := "scoped"
		if want[pk] > 0 {
			wantState = "mismatch"
			mismatches++
		}
		if n.State != wantState || n.Configured == nil || strings.Join(*n.Configured, ",") != "#sjc" {
			t.Errorf("%s state %s configured %v, want %s [#sjc]", pk[:8], n.State, n.Configured, wantState)
		}
	}
	if len(body.Nodes) != len(repeaters) || mismatches == 0 {
		t.Errorf("%d repeaters served (SQL %d), %d mismatches", len(body.Nodes), len(repeaters), mismatches)
	}
	t.Logf("%d repeaters, %d with unscoped relays attributed", len(body.Nodes), mismatches)
}
