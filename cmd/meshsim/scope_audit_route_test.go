package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

// auditRow is the part of a /api/scopes/audit row the test reads.
type auditRow struct {
	PublicKey   string    `json:"public_key"`
	Name        string    `json:"name"`
	Role        string    `json:"role"`
	State       string    `json:"scope_config_state"`
	Configured  *[]string `json:"configured_scopes"`
	Transported []string  `json:"transported_scopes"`
	Unscoped24h int       `json:"unscoped_relay_count_24h"`
	Mismatches  []string  `json:"scope_mismatches"`
	Undeclared  []string  `json:"undeclared_scopes"`
}

type auditBody struct {
	Rows   []auditRow     `json:"rows"`
	Total  int            `json:"total"`
	Counts map[string]int `json:"counts"`
	Scopes []string       `json:"scopes"`
}

func getBody(t *testing.T, url string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

func fetchAudit(t *testing.T, url string) auditBody {
	t.Helper()
	code, _, b := getBody(t, url)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, code, b)
	}
	var body auditBody
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatal(err)
	}
	return body
}

// TestScopeAuditRoute_FindsExactlyTheSimulatorsMisconfiguredRepeaters serves a simulated
// scoped mesh and checks GET /api/scopes/audit against the simulator's ground truth
// (World.Misconfigured, each node's reported configuration) and against SQL over the
// database (transported scopes, unscoped relays); the CSV answer must hold the same rows.
func TestScopeAuditRoute_FindsExactlyTheSimulatorsMisconfiguredRepeaters(t *testing.T) {
	w, path, now := simScopesDB(t)
	// A repeater named like a spreadsheet formula: the CSV must not hand it to a spreadsheet as one.
	const formula = `=HYPERLINK("http://x","y")`
	rw := testutil.OpenMigrated(t, path)
	var victim string
	if err := rw.QueryRow(`SELECT public_key FROM nodes WHERE role = 'repeater' ORDER BY public_key LIMIT 1`).Scan(&victim); err != nil {
		t.Fatal(err)
	}
	if _, err := rw.Exec(`UPDATE nodes SET name = ? WHERE public_key = ?`, formula, victim); err != nil {
		t.Fatal(err)
	}
	srv := testutil.NewTestServerAt(t, path, func(o *api.Options) { o.Now = func() time.Time { return now } })
	audit := fetchAudit(t, srv.URL+"/api/scopes/audit")
	truth := w.Misconfigured()
	simNodes := map[string]*meshsim.Node{}
	for _, n := range w.Nodes {
		simNodes[hexKey(n)] = n
	}

	got := map[string][]string{}
	configured := 0
	for _, r := range audit.Rows {
		if r.State == "mismatch" {
			got[r.PublicKey] = r.Mismatches
		}
		if r.Configured == nil {
			continue
		}
		configured++
		want := []string{}
		if sn := simNodes[r.PublicKey]; sn != nil && sn.Scope != nil {
			want = sn.Scope.Allowed
		}
		if !slices.Equal(*r.Configured, want) {
			t.Errorf("%s configured_scopes %v, simulator configured %v", r.PublicKey[:8], *r.Configured, want)
		}
	}
	for pk, kind := range truth {
		if !slices.Contains(got[pk], kind) {
			t.Errorf("misconfigured %s (%s) shown with mismatches %v", pk[:8], kind, got[pk])
		}
	}
	for pk, kinds := range got {
		if truth[pk] == "" {
			t.Errorf("%s shown as a mismatch (%v) but the simulator configured it correctly", pk[:8], kinds)
		}
	}
	if len(truth) < 2 || configured < 5 {
		t.Fatalf("too little to audit: %d misconfigured, %d configured", len(truth), configured)
	}
	if audit.Counts["mismatch"] != len(truth) || audit.Total != len(audit.Rows) {
		t.Errorf("counts %v total %d rows %d, want mismatch=%d and total = rows", audit.Counts, audit.Total, len(audit.Rows), len(truth))
	}

	// Transported scopes and unscoped relays against SQL over the served database.
	db, err := schema.OpenReadOnly(context.Background(), path, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	wantScopes, wantUnscoped := sqlRelayScopes(t, db, now.Add(-24*time.Hour).Unix())
	repeaters := 0
	for _, r := range audit.Rows {
		if r.Role != "repeater" {
			continue
		}
		repeaters++
		if !slices.Equal(r.Transported, orNone(wantScopes[r.PublicKey])) {
			t.Errorf("%s transported %v, SQL %v", r.PublicKey[:8], r.Transported, wantScopes[r.PublicKey])
		}
		if r.Unscoped24h != wantUnscoped[r.PublicKey] {
			t.Errorf("%s unscoped %d, SQL %d", r.PublicKey[:8], r.Unscoped24h, wantUnscoped[r.PublicKey])
		}
		if truth[r.PublicKey] == meshsim.MisconfigForeignScope && len(r.Undeclared) == 0 {
			t.Errorf("%s forwards foreign scopes but lists no undeclared scope", r.PublicKey[:8])
		}
	}
	var wantRepeaters int
	if err := db.QueryRow(`SELECT COUNT(*) FROM nodes WHERE lower(role) = 'repeater'`).Scan(&wantRepeaters); err != nil {
		t.Fatal(err)
	}
	if repeaters != wantRepeaters {
		t.Errorf("audit lists %d repeaters, the nodes table has %d", repeaters, wantRepeaters)
	}
	t.Logf("%d rows, %d repeaters, %d configured, truth %v, counts %v, scopes %v", len(audit.Rows), repeaters, configured, truth, audit.Counts, audit.Scopes)

	// Filter: state=mismatch is exactly the ground truth.
	var keys, wantKeys []string
	for _, r := range fetchAudit(t, srv.URL+"/api/scopes/audit?state=mismatch").Rows {
		keys = append(keys, r.PublicKey)
	}
	for pk := range truth {
		wantKeys = append(wantKeys, pk)
	}
	slices.Sort(keys)
	slices.Sort(wantKeys)
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("state=mismatch returned %v, want %v", keys, wantKeys)
	}

	// Sort: sort=name&order=desc orders by lower-case name, descending.
	byName := fetchAudit(t, srv.URL+"/api/scopes/audit?sort=name&order=desc").Rows
	if !sort.SliceIsSorted(byName, func(i, j int) bool { return strings.ToLower(byName[i].Name) > strings.ToLower(byName[j].Name) }) || len(byName) != len(audit.Rows) {
		t.Error("sort=name&order=desc is not in descending name order")
	}

	// CSV: the same rows, in the same order, as the JSON answer to the same query.
	const query = "?sort=unscoped&order=desc&scope=" + "%23bayarea"
	js := fetchAudit(t, srv.URL+"/api/scopes/audit"+query)
	code, ctype, b := getBody(t, srv.URL+"/api/scopes/audit"+query+"&format=csv")
	if code != http.StatusOK || !strings.HasPrefix(ctype, "text/csv") {
		t.Fatalf("format=csv: %d %s", code, ctype)
	}
	recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(js.Rows)+1 || len(js.Rows) == 0 {
		t.Fatalf("csv has %d records, json %d rows (> 0)", len(recs), len(js.Rows))
	}
	for i, r := range js.Rows {
		rec := recs[i+1]
		if rec[0] != r.PublicKey || rec[3] != r.State || rec[9] != strings.Join(r.Transported, " ") || rec[11] != strings.Join(r.Mismatches, " ") {
			t.Errorf("csv row %d %v differs from json %+v", i, rec, r)
		}
	}

	code, _, b = getBody(t, srv.URL+"/api/scopes/audit?format=csv&q="+victim[:12])
	recs, err = csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil || code != http.StatusOK || len(recs) != 2 || recs[1][1] != "'"+formula {
		t.Errorf("formula-like name in csv: %d %v %v, want the name prefixed with a quote", code, err, recs)
	}

	for _, bad := range []string{"state=bogus", "sort=bogus", "order=up", "format=xml", "mismatch=bogus"} {
		if code, _, _ := getBody(t, srv.URL+"/api/scopes/audit?"+bad); code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, code)
		}
	}
}

func orNone(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
