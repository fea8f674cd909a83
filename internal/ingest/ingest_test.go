package ingest_test

import (
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/testutil"
)

func TestIngester_FixtureVectorsFromThreeObservers(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	vs := fixtureVectors(t)
	in := openIngester(t, db, func(o *ingest.Options) { o.ChannelKeys = vectorKeys(t, vs) })
	var acks atomic.Int64
	for oi, obs := range observerKeys {
		for i, v := range vs {
			in.Submit("local", "meshcore/SFO/"+obs+"/packets", packetJSON(v.RawHex, i+oi), time.Now(), func() { acks.Add(1) })
		}
	}
	closeIngester(t, in)

	good, hashes := 0, map[string]bool{}
	for _, v := range vs {
		if decodable(v) {
			good++
			hashes[v.ContentHash] = true
		}
	}
	if got, want := acks.Load(), int64(3*len(vs)); got != want {
		t.Errorf("acks: got %d, want %d", got, want)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM transmissions`); got != len(hashes) {
		t.Errorf("transmissions: got %d, want %d distinct content hashes", got, len(hashes))
	}
	for h := range hashes {
		if countRows(t, db, `SELECT COUNT(*) FROM transmissions WHERE hash = ?`, h) != 1 {
			t.Errorf("hash %s: missing", h)
			break
		}
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations`); got != 3*good {
		t.Errorf("observations: got %d, want %d", got, 3*good)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations WHERE observer_idx IS NULL`); got != 0 {
		t.Errorf("observations without observer link: %d", got)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM dropped_packets`); got != 3*(len(vs)-good) {
		t.Errorf("dropped_packets: got %d, want %d", got, 3*(len(vs)-good))
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observers WHERE packet_count = ? AND iata = 'SFO'`, good); got != 3 {
		t.Errorf("observers with packet_count %d: got %d, want 3", good, got)
	}
	// Nodes: one per distinct advert pubkey, advert_count = distinct advert transmissions.
	adverts := map[string]map[string]bool{}
	for _, v := range vs {
		var rd struct {
			Payload struct{ Type, PubKey string } `json:"payload"`
		}
		json.Unmarshal(v.ReferenceDecode, &rd)
		if rd.Payload.Type == "ADVERT" {
			if adverts[rd.Payload.PubKey] == nil {
				adverts[rd.Payload.PubKey] = map[string]bool{}
			}
			adverts[rd.Payload.PubKey][v.ContentHash] = true
		}
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM nodes`); got != len(adverts) {
		t.Errorf("nodes: got %d, want %d", got, len(adverts))
	}
	for pk, hs := range adverts {
		if got := countRows(t, db, `SELECT advert_count FROM nodes WHERE public_key = ?`, pk); got != len(hs) {
			t.Errorf("node %s advert_count: got %d, want %d", pk[:8], got, len(hs))
		}
	}
	// Channel messages decrypted with the configured keys.
	for _, v := range vs {
		var rd struct {
			Payload struct{ Type, Channel, Text string } `json:"payload"`
		}
		json.Unmarshal(v.ReferenceDecode, &rd)
		if rd.Payload.Type != "CHAN" {
			continue
		}
		var ch, dj string
		if err := db.QueryRow(`SELECT channel_hash, decoded_json FROM transmissions WHERE hash = ?`, v.ContentHash).Scan(&ch, &dj); err != nil {
			t.Fatalf("chan %s: %v", v.ContentHash, err)
		}
		var got struct{ Type, Text string }
		json.Unmarshal([]byte(dj), &got)
		if ch != rd.Payload.Channel || got.Type != "CHAN" || got.Text != rd.Payload.Text {
			t.Errorf("chan %s: got %q %q %q, want %q %q", v.ContentHash, ch, got.Type, got.Text, rd.Payload.Channel, rd.Payload.Text)
		}
	}
	st := in.Stats(time.Now())
	if st.TxInserted != int64(len(hashes)) || st.ObsInserted != int64(3*good) || st.WALCommits < 1 {
		t.Errorf("stats: got tx=%d obs=%d commits=%d", st.TxInserted, st.ObsInserted, st.WALCommits)
	}
	if st.BadInput["undecodable"] != int64(3*(len(vs)-good)) {
		t.Errorf("bad_input undecodable: got %d", st.BadInput["undecodable"])
	}
}

func TestIngester_RedeliveryIsIdempotent(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	vs := fixtureVectors(t)[:50]
	in := openIngester(t, db, nil)
	for round := 0; round < 2; round++ {
		for i, v := range vs {
			in.Submit("local", "meshcore/SFO/"+observerKeys[0]+"/packets", packetJSON(v.RawHex, i), time.Now(), nil)
		}
	}
	closeIngester(t, in)
	good := 0
	for _, v := range vs {
		if decodable(v) {
			good++
		}
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations`); got != good {
		t.Errorf("observations after redelivery: got %d, want %d", got, good)
	}
	if st := in.Stats(time.Now()); st.ObsDupes != int64(good) {
		t.Errorf("obs_dupes: got %d, want %d", st.ObsDupes, good)
	}
}

func TestIngester_BadInputNeverBlocks(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, nil)
	obs := observerKeys[1]
	bad := []struct{ topic, body string }{
		{"meshcore/SFO/" + obs + "/packets", `not json`},
		{"meshcore/SFO/" + obs + "/packets", `[1,2]`},
		{"meshcore/SFO/" + obs + "/packets", `{"raw":"zz-not-hex"}`},
		{"meshcore/SFO/" + obs + "/packets", `{"raw":"FF"}`},
		{"meshcore/SFO/" + obs + "/packets", `{"raw":123}`},
		{"meshcore/SFO/" + obs + "/packets", `{"raw":"` + strings.Repeat("A", 70000) + `"}`},
		{"garbage", `{"raw":"00"}`},
		{"meshcore/status", `{}`},
		{"meshcore/SFO/" + obs + "/status", `{"stats":{"battery_mv":"4100 mV?","noise_floor":"-110dBm"},"model":"Heltec","repeat":"on"}`},
		{"meshcore/SFO/" + obs + "/packets", `{"raw":"` + fixtureVectors(t)[0].RawHex + `","SNR":"9e999","RSSI":"-1e9"}`},
	}
	for _, b := range bad {
		in.Submit("local", b.topic, []byte(b.body), time.Now(), nil)
	}
	closeIngester(t, in)
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations WHERE snr IS NULL AND rssi IS NULL`); got != 1 {
		t.Errorf("good packet with absurd radio values: got %d rows, want 1 with NULL snr/rssi", got)
	}
	var model string
	var nf float64
	var relay, seen int
	if err := db.QueryRow(`SELECT model, noise_floor, can_relay, can_relay_seen FROM observers WHERE id = ?`, obs).Scan(&model, &nf, &relay, &seen); err != nil {
		t.Fatal(err)
	}
	if model != "Heltec" || nf != -110 || relay != 1 || seen != 1 {
		t.Errorf("status: got model=%q nf=%v relay=%d seen=%d", model, nf, relay, seen)
	}
	bi := in.Stats(time.Now()).BadInput
	for _, k := range []string{"malformed_json", "undecodable", "unknown_topic", "oversize", "absurd_value"} {
		if bi[k] == 0 {
			t.Errorf("bad_input[%s] = 0, want counted (%v)", k, bi)
		}
	}
}
