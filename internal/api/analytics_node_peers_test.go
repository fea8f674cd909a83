package api

import (
	"database/sql"
	"fmt"
	"github.com/corescope/corescope/internal/analytics"
	"testing"

	"github.com/corescope/corescope/internal/schema"
)

// peersSQL is the peer-interaction rule of analytics_node_peers.go written directly
// over the tables: transmissions node ?1 originated pair it with every node on their
// resolved paths, transmissions it relayed pair it with their originator.
const peersSQL = `
WITH mine AS (
  SELECT t.id, t.first_seen, lower(t.from_pubkey) AS origin FROM transmissions t
  WHERE lower(coalesce(t.from_pubkey, '')) = ?1 OR EXISTS (SELECT 1 FROM observations o, json_each(o.resolved_path) j
    WHERE o.transmission_id = t.id AND lower(j.value) = ?1)),
pairs AS (
  SELECT m.id, m.first_seen, lower(j.value) AS peer FROM mine m JOIN observations o ON o.transmission_id = m.id, json_each(o.resolved_path) j
    WHERE m.origin = ?1 AND j.value IS NOT NULL AND lower(j.value) <> ?1
  UNION
  SELECT m.id, m.first_seen, m.origin FROM mine m WHERE m.origin IS NOT NULL AND m.origin <> ?1)
SELECT p.peer, count(*), max(p.first_seen), n.name FROM pairs p LEFT JOIN nodes n ON lower(n.public_key) = p.peer
GROUP BY p.peer ORDER BY 2 DESC, 3 DESC, 1`

type peerJSON struct {
	PeerKey      string  `json:"peer_key"`
	PeerName     *string `json:"peer_name"`
	MessageCount int     `json:"messageCount"`
	LastContact  string  `json:"lastContact"`
}

func TestNodeAnalytics_PeerInteractionsMatchSQL(t *testing.T) {
	f := newFixture(t)
	db, err := sql.Open("sqlite", schema.ReaderDSN(f.dbPath))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT lower(public_key) FROM nodes ORDER BY public_key`)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for rows.Next() {
		var k string
		rows.Scan(&k)
		keys = append(keys, k)
	}
	rows.Close()
	withPeers, capped := 0, 0
	for _, pk := range keys {
		var want []peerJSON
		rs, err := db.Query(peersSQL, pk)
		if err != nil {
			t.Fatal(err)
		}
		for rs.Next() {
			var p peerJSON
			if err := rs.Scan(&p.PeerKey, &p.MessageCount, &p.LastContact, &p.PeerName); err != nil {
				t.Fatal(err)
			}
			want = append(want, p)
		}
		rs.Close()
		// The fixture spans two hours of May 2026; a year's window covers all of it.
		var got struct {
			PeerInteractions []peerJSON
			ComputedStats    struct{ UniquePeers int }
		}
		f.getJSON(t, "/api/nodes/"+pk+"/analytics?days=365", &got)
		if got.ComputedStats.UniquePeers != len(want) {
			t.Fatalf("%s: uniquePeers %d, SQL %d", pk, got.ComputedStats.UniquePeers, len(want))
		}
		if len(want) > analytics.MaxPeerInteractions {
			want = want[:analytics.MaxPeerInteractions]
			capped++
		}
		if len(want) > 0 {
			withPeers++
		}
		if g, w := fmt.Sprint(peersOut(got.PeerInteractions)), fmt.Sprint(peersOut(want)); g != w {
			t.Fatalf("%s: peers\n got %s\nwant %s", pk, g, w)
		}
	}
	if withPeers < 10 || capped == 0 {
		t.Fatalf("fixture exercised too little: %d nodes with peers, %d capped", withPeers, capped)
	}
}

func peersOut(ps []peerJSON) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("%s/%s/%d/%s", p.PeerKey, deref(p.PeerName), p.MessageCount, p.LastContact)
	}
	return out
}
