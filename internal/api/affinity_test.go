package api

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"
)

type affinityAnswer struct {
	Edges       []affinityEdgeJSON       `json:"edges"`
	Resolutions []affinityResolutionJSON `json:"resolutions"`
	Stats       struct {
		TotalEdges      int    `json:"totalEdges"`
		UnresolvedCount int    `json:"unresolvedCount"`
		LastRebuild     string `json:"lastRebuild"`
	} `json:"stats"`
}

// TestDebugAffinity_CandidatesAreTheNodesWithThePrefix: for a prefix that several fixture
// relays (repeaters, rooms: only they can be hops) share, the candidates are exactly the relays SQL finds with that key prefix and the
// chosen one is among them; a prefix only one node has resolves uniquely; every listed
// edge has an end starting with the prefix.
func TestDebugAffinity_CandidatesAreTheNodesWithThePrefix(t *testing.T) {
	f := newFixture(t)
	db := openRO(t, f.dbPath)
	var shared, unique string
	if err := db.QueryRow(`SELECT substr(lower(public_key), 1, 2) p FROM nodes WHERE role IN ('repeater', 'room') GROUP BY p HAVING COUNT(*) > 2 ORDER BY p LIMIT 1`).Scan(&shared); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT substr(lower(public_key), 1, 2) p FROM nodes WHERE role IN ('repeater', 'room') GROUP BY p HAVING COUNT(*) = 1 AND p NOT IN (SELECT substr(lower(public_key), 1, 2) FROM nodes WHERE role NOT IN ('repeater', 'room')) ORDER BY p LIMIT 1`).Scan(&unique); err != nil {
		t.Fatal(err)
	}
	keys := func(p string) []string {
		rows, err := db.Query(`SELECT lower(public_key) FROM nodes WHERE role IN ('repeater', 'room') AND lower(public_key) LIKE ? || '%' ORDER BY 1`, p)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var k string
			rows.Scan(&k)
			out = append(out, k)
		}
		return out
	}
	get := func(q string) affinityAnswer {
		var a affinityAnswer
		f.operatorJSON(t, "/api/debug/affinity"+q, &a)
		return a
	}
	a := get("?prefix=" + strings.ToUpper(shared))
	if len(a.Resolutions) != 1 || a.Resolutions[0].Prefix != shared {
		t.Fatalf("resolutions for %s: %+v", shared, a.Resolutions)
	}
	res := a.Resolutions[0]
	var cands []string
	for _, c := range res.Candidates {
		cands = append(cands, c.Pubkey)
	}
	sort.Strings(cands)
	want := keys(shared)
	if strings.Join(cands, ",") != strings.Join(want, ",") {
		t.Errorf("candidates of %s: %v, SQL finds %v", shared, cands, want)
	}
	if !contains(want, res.Chosen) || res.Confidence == "" || res.Confidence == "unique_prefix" {
		t.Errorf("shared prefix %s: chosen %q confidence %q", shared, res.Chosen, res.Confidence)
	}
	for _, e := range a.Edges {
		if !strings.HasPrefix(strings.TrimPrefix(e.NodeA, "prefix:"), shared) && !strings.HasPrefix(strings.TrimPrefix(e.NodeB, "prefix:"), shared) {
			t.Errorf("edge %s–%s listed for prefix %s", e.NodeA, e.NodeB, shared)
		}
	}
	// ?prefix= also lists longer heard prefixes starting with it; the exact one resolves uniquely.
	var u *affinityResolutionJSON
	for _, r := range get("?prefix=" + unique).Resolutions {
		if r.Prefix == unique {
			u = &r
		}
	}
	if u == nil || u.Confidence != "unique_prefix" || u.Chosen != keys(unique)[0] || u.Score != 1 {
		t.Errorf("unique prefix %s: %+v, want %s", unique, u, keys(unique))
	}
	all := get("?limit=5")
	if len(all.Edges) > 5 || all.Stats.TotalEdges < len(all.Edges) || all.Stats.LastRebuild == "" {
		t.Errorf("unfiltered: %d edges listed, stats %+v", len(all.Edges), all.Stats)
	}
	for _, r := range all.Resolutions {
		if r.Context == nil || r.Candidates == nil {
			t.Errorf("resolution %s has null lists", r.Prefix)
		}
	}
	if code, _, b := f.do(t, "GET", "/api/debug/affinity?prefix=xyz", "", map[string]string{"X-API-Key": testKey}); code != http.StatusBadRequest {
		t.Errorf("non-hex prefix: %d %s", code, b)
	}
	var raw map[string]json.RawMessage
	f.operatorJSON(t, "/api/debug/affinity?node=00", &raw)
	if string(raw["edges"]) != "[]" {
		t.Errorf("unknown node: edges %s, want []", raw["edges"])
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
