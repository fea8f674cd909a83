package ingest_test

import (
	"testing"
	"time"

	"github.com/corescope/corescope/internal/testutil"
)

func TestIngester_CompanionBridgeMessages(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, nil)
	in.Submit("local", "meshcore/message/channel/2", []byte(`{"text":"alice: hello mesh","channel_idx":2,"sender_timestamp":1774805359}`), time.Now(), nil)
	in.Submit("local", "meshcore/message/direct/abc", []byte(`{"text":"psst"}`), time.Now(), nil)
	in.Submit("local", "meshcore/message/direct/abc", []byte(`{"nope":1}`), time.Now(), nil)
	closeIngester(t, in)
	if got := countRows(t, db, `SELECT COUNT(*) FROM transmissions WHERE payload_type = 5 AND channel_hash = 'ch2'
		AND json_extract(decoded_json, '$.sender') = 'alice' AND json_extract(decoded_json, '$.type') = 'CHAN'`); got != 1 {
		t.Errorf("bridge channel message: got %d rows, want 1", got)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM transmissions WHERE payload_type = 2
		AND json_extract(decoded_json, '$.type') = 'DM'`); got != 1 {
		t.Errorf("bridge DM: got %d rows, want 1", got)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations WHERE observer_idx IS NULL`); got != 2 {
		t.Errorf("bridge observations without observer row: got %d, want 2", got)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observers`); got != 0 {
		t.Errorf("observers: got %d, want none for the companion bridge", got)
	}
}

func TestIngester_NaiveClockSkewRecorded(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, nil)
	vs := fixtureVectors(t)
	now := time.Now().UTC()
	naive := now.Add(-2 * time.Hour).Format("2006-01-02T15:04:05.000000")
	for i, ts := range []string{naive, naive, now.Format(time.RFC3339), now.Add(-time.Minute).Format("2006-01-02T15:04:05")} {
		body := []byte(`{"raw":"` + vs[i].RawHex + `","timestamp":"` + ts + `"}`)
		obs := observerKeys[0]
		if i >= 2 {
			obs = observerKeys[1]
		}
		in.Submit("local", "meshcore/SFO/"+obs+"/packets", body, now, nil)
	}
	closeIngester(t, in)
	var skew, count int
	if err := db.QueryRow(`SELECT clock_skew_seconds, clock_skew_count_24h FROM observers WHERE id = ?`, observerKeys[0]).Scan(&skew, &count); err != nil {
		t.Fatal(err)
	}
	if skew < -7201 || skew > -7199 || count != 2 {
		t.Errorf("skewed observer: got %d s x%d, want -7200 s x2", skew, count)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observers WHERE id = ? AND clock_skew_seconds IS NULL`, observerKeys[1]); got != 1 {
		t.Error("observer with sane clocks got a skew record")
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations WHERE timestamp < ?`, now.Add(-time.Minute).Unix()); got != 0 {
		t.Errorf("%d observations stored with the envelope time instead of ingest time", got)
	}
}
