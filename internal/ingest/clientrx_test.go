package ingest_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/testutil"
)

func TestIngester_ClientRxCoverage(t *testing.T) {
	var flood, lastHop, zeroAdvert, advertKey, direct string
	for _, v := range fixtureVectors(t) {
		var rd struct {
			Header struct{ RouteType int } `json:"header"`
			Path   struct {
				HashSize int
				Hops     []string
			} `json:"path"`
			Payload struct{ Type, PubKey string } `json:"payload"`
		}
		json.Unmarshal(v.ReferenceDecode, &rd)
		n := len(rd.Path.Hops)
		switch {
		case flood == "" && rd.Header.RouteType == 1 && n > 0 && rd.Path.HashSize >= 2 && rd.Payload.Type != "TRACE":
			flood, lastHop = v.RawHex, strings.ToLower(rd.Path.Hops[n-1])
		case zeroAdvert == "" && rd.Payload.Type == "ADVERT" && n == 0:
			zeroAdvert, advertKey = v.RawHex, rd.Payload.PubKey
		case direct == "" && rd.Header.RouteType == 2 && n > 0:
			direct = v.RawHex
		}
	}
	if flood == "" || zeroAdvert == "" || direct == "" {
		t.Fatal("vectors lack the packets this test needs")
	}
	client := "ab12cd34"
	msg := func(raw, dir, gps string) []byte {
		return fmt.Appendf(nil, `{"raw":%q,"direction":%q,"RSSI":"-97","SNR":6.25,"origin":"Phone","timestamp":"2026-01-01T00:00:00Z"%s}`, raw, dir, gps)
	}
	gps := `,"gps":{"lat":37.5,"lon":-122.25,"acc_m":"12 m"}`
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, func(o *ingest.Options) { o.ClientRxCoverage = true })
	topic := "meshcore/client/" + strings.ToUpper(client) + "/packets"
	in.Submit("local", topic, msg(flood, "rx", gps), time.Now(), nil)
	in.Submit("local", topic, msg(flood, "rx", gps), time.Now(), nil) // duplicate: ignored by UNIQUE
	in.Submit("local", topic, msg(zeroAdvert, "rx", gps), time.Now(), nil)
	in.Submit("local", topic, msg(direct, "rx", gps), time.Now(), nil)    // DIRECT with path: discarded
	in.Submit("local", topic, msg(flood, "tx", gps), time.Now(), nil)     // not a reception
	in.Submit("local", topic, msg(zeroAdvert, "rx", ""), time.Now(), nil) // no GPS
	closeIngester(t, in)

	if got := countRows(t, db, `SELECT COUNT(*) FROM client_receptions`); got != 2 {
		t.Fatalf("client_receptions: got %d, want 2", got)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM client_receptions WHERE rx_pubkey = ? AND heard_key = ?
		AND src = 'rxlog' AND rssi = -97 AND snr = 6.25 AND lat = 37.5 AND pos_acc_m = 12`, client, lastHop); got != 1 {
		t.Errorf("flood reception row missing (last hop %s)", lastHop)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM client_receptions WHERE heard_key = ? AND heard_keylen = 32 AND src = 'advert'`, advertKey); got != 1 {
		t.Error("zero-hop advert reception row missing")
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM client_observers WHERE pubkey = ? AND name = 'Phone'`, client); got != 1 {
		t.Error("client observer row missing")
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations`); got != 0 {
		t.Errorf("client coverage messages created %d observations", got)
	}
}
