package ingest_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/testutil"
)

func TestIngester_ResolvedPathAndNeighborEdges(t *testing.T) {
	var advertRaw, pubkey string
	for _, v := range fixtureVectors(t) {
		var rd struct {
			Path    struct{ Hops []string } `json:"path"`
			Payload struct {
				Type, PubKey   string
				SignatureValid bool
			} `json:"payload"`
		}
		json.Unmarshal(v.ReferenceDecode, &rd)
		if rd.Payload.Type == "ADVERT" && rd.Payload.SignatureValid && len(rd.Path.Hops) == 0 {
			advertRaw, pubkey = v.RawHex, rd.Payload.PubKey
			break
		}
	}
	if advertRaw == "" {
		t.Fatal("no zero-hop signed advert in vectors")
	}
	observer := strings.Repeat("AB", 32)
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, nil)
	in.Submit("local", "meshcore/SFO/"+observer+"/packets", packetJSON(advertRaw, 1), time.Now(), nil)
	closeIngester(t, in) // commits the advert so the node index knows it

	// A FLOOD RAW_CUSTOM packet whose single 1-byte hop is the advertiser's first byte.
	hop := strings.ToUpper(pubkey[:2])
	crafted := "3D01" + hop + "DEADBEEF"
	in = openIngester(t, db, nil)
	in.Submit("local", "meshcore/SFO/"+observer+"/packets", packetJSON(crafted, 2), time.Now(), nil)
	closeIngester(t, in)

	var path, resolved string
	if err := db.QueryRow(`SELECT path_json, resolved_path FROM observations o JOIN transmissions t ON t.id = o.transmission_id
		WHERE t.raw_hex = ?`, crafted).Scan(&path, &resolved); err != nil {
		t.Fatal(err)
	}
	if path != `["`+hop+`"]` || resolved != `["`+pubkey+`"]` {
		t.Errorf("got path %s resolved %s, want [%q] and [%q]", path, resolved, hop, pubkey)
	}
	a, b := pubkey, strings.ToLower(observer)
	if a > b {
		a, b = b, a
	}
	var n int
	if err := db.QueryRow(`SELECT count FROM neighbor_edges WHERE node_a = ? AND node_b = ?`, a, b).Scan(&n); err != nil || n != 2 {
		t.Errorf("edge advertiser–observer: got count %d (%v), want 2 (zero-hop advert + last hop)", n, err)
	}
}
