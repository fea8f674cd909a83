package api_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/testutil"
)

// The fixture numbers rows newest-first, and one old row under the highest id used to
// stop the newest-id-first walk at once: /api/stats reported ~0 instead of the real
// counts (issue #16 item 2). Expected values are plain SQL on the same file.
func TestStats_CountsByObservationTime(t *testing.T) {
	var now time.Time
	ts := testutil.NewTestServer(t, func(o *api.Options) { o.Now = func() time.Time { return now } })
	w := ts.WriterDB
	var newest int64
	if err := w.QueryRow(`SELECT max(timestamp) FROM observations`).Scan(&newest); err != nil {
		t.Fatal(err)
	}
	now = time.Unix(newest+30*60, 0) // half an hour after the newest observation
	r, err := w.Exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type)
		VALUES ('1100', '00000000000000e1', ?, 1, 4)`, now.Add(-72*time.Hour).UTC().Format(time.RFC3339))
	if err != nil {
		t.Fatal(err)
	}
	old, _ := r.LastInsertId()
	if _, err := w.Exec(`INSERT INTO observations (transmission_id, observer_idx, path_json, timestamp)
		VALUES (?, 1, '[]', ?)`, old, now.Add(-72*time.Hour).Unix()); err != nil {
		t.Fatal(err)
	}
	var maxID int64
	if err := w.QueryRow(`SELECT max(id) FROM transmissions`).Scan(&maxID); err != nil || maxID != old {
		t.Fatalf("old row id %d, highest id %d (%v)", old, maxID, err)
	}
	statsTestWait(t, "old row followed", func() bool {
		row, ok, _ := ts.Store.TransmissionByID(old)
		return ok && len(row.Observations) == 1
	})

	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := w.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	wantHour := count(`SELECT count(*) FROM observations WHERE timestamp >= ?`, now.Add(-time.Hour).Unix())
	wantDay := count(`SELECT count(*) FROM observations WHERE timestamp >= ?`, now.Add(-24*time.Hour).Unix())
	if wantHour < 10 || wantDay <= wantHour {
		t.Fatalf("fixture too small for the check: hour %d, day %d", wantHour, wantDay)
	}
	var stats struct {
		LastHour int `json:"packetsLastHour"`
		Last24h  int `json:"packetsLast24h"`
	}
	statsTestGet(t, ts.URL+"/api/stats", &stats)
	if stats.LastHour != wantHour || stats.Last24h != wantDay {
		t.Fatalf("/api/stats packetsLastHour=%d packetsLast24h=%d, SQL %d and %d", stats.LastHour, stats.Last24h, wantHour, wantDay)
	}

	var observers struct {
		Observers []struct {
			ID       string `json:"id"`
			LastHour int    `json:"packetsLastHour"`
		} `json:"observers"`
	}
	statsTestGet(t, ts.URL+"/api/observers", &observers)
	checked := 0
	for _, o := range observers.Observers {
		want := count(`SELECT count(*) FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
			WHERE ob.id = ? AND o.timestamp >= ?`, o.ID, now.Add(-time.Hour).Unix())
		if o.LastHour != want {
			t.Fatalf("/api/observers %s packetsLastHour=%d, SQL %d", o.ID, o.LastHour, want)
		}
		checked += want
	}
	if checked == 0 {
		t.Fatal("no observer heard anything in the last hour: the check proves nothing")
	}
}

func statsTestGet(t *testing.T, url string, v any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

func statsTestWait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
