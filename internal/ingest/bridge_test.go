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
