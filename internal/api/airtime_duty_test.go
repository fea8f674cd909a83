package api_test

import (
	"database/sql"
	"encoding/json"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/testutil"
)

// textbookAirtimeMs is Semtech's LoRa time-on-air written out for the default preset
// (62.5 kHz, SF8, CR 4/5, 32 preamble symbols, explicit header, CRC on), independent of
// internal/meshcore.
func textbookAirtimeMs(pl int) float64 {
	const sf, bwHz, cr, preamble, crc, implicitHeader = 8, 62500.0, 1, 32, 1, 0
	tSym := math.Pow(2, sf) / bwHz * 1000 // ms; 4.096 ms, below 16 ms so no low-data-rate optimisation
	const de = 0
	n := math.Ceil(float64(8*pl-4*sf+28+16*crc-20*implicitHeader) / float64(4*(sf-2*de)))
	payloadSymbols := 8 + math.Max(n*(cr+4), 0)
	return (preamble+4.25)*tSym + payloadSymbols*tSym
}

type dutyAnswer struct {
	Hours    int     `json:"hours"`
	LimitPct float64 `json:"limit_pct"`
	Buckets  []struct {
		Hour      string  `json:"hour"`
		Packets   int     `json:"packets"`
		AirtimeMs float64 `json:"airtime_ms"`
		DutyPct   float64 `json:"duty_cycle_pct"`
	} `json:"buckets"`
}

// wantHours runs q (rows: unix timestamp, raw length in bytes) and sums the textbook
// airtime per hour from first.
func wantHours(t *testing.T, db *sql.DB, first int64, q string, args ...any) (map[int64]float64, map[int64]int) {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	ms, n := map[int64]float64{}, map[int64]int{}
	for rows.Next() {
		var ts int64
		var l int
		if err := rows.Scan(&ts, &l); err != nil {
			t.Fatal(err)
		}
		if ts < first || l <= 0 {
			continue
		}
		h := first + (ts-first)/3600*3600
		ms[h] += textbookAirtimeMs(l)
		n[h]++
	}
	return ms, n
}

func checkDuty(t *testing.T, got dutyAnswer, first int64, ms map[int64]float64, n map[int64]int) {
	t.Helper()
	if got.Hours != 24 || len(got.Buckets) != 24 || got.LimitPct != 10 {
		t.Fatalf("hours %d, %d buckets, limit %v; want 24, 24, 10", got.Hours, len(got.Buckets), got.LimitPct)
	}
	total := 0
	for i, b := range got.Buckets {
		h := first + int64(i)*3600
		if b.Hour != time.Unix(h, 0).UTC().Format(time.RFC3339) {
			t.Fatalf("bucket %d hour %s, want %s", i, b.Hour, time.Unix(h, 0).UTC().Format(time.RFC3339))
		}
		if b.Packets != n[h] || math.Abs(b.AirtimeMs-ms[h]) > 0.01 || math.Abs(b.DutyPct-100*ms[h]/3.6e6) > 0.006 {
			t.Errorf("%s: got %d packets %.2f ms %.2f%%; SQL+formula %d packets %.2f ms %.4f%%",
				b.Hour, b.Packets, b.AirtimeMs, b.DutyPct, n[h], ms[h], 100*ms[h]/3.6e6)
		}
		total += b.Packets
	}
	t.Logf("%d packets over 24 h", total)
	if total == 0 {
		t.Fatal("no packet in the window: the test would prove nothing")
	}
}

// TestAirtime_FixtureAgainstSQL checks both airtime endpoints on the shared capture
// against SQL for packet sizes per hour and the textbook formula.
func TestAirtime_FixtureAgainstSQL(t *testing.T) {
	var now time.Time
	srv := testutil.NewTestServer(t, func(o *api.Options) { o.Now = func() time.Time { return now } })
	var maxTS int64
	if err := srv.WriterDB.QueryRow(`SELECT MAX(timestamp) FROM observations`).Scan(&maxTS); err != nil {
		t.Fatal(err)
	}
	now = time.Unix(maxTS, 0).UTC()
	first := now.Truncate(time.Hour).Add(-23 * time.Hour).Unix()

	t.Run("observer", func(t *testing.T) {
		var id string
		if err := srv.WriterDB.QueryRow(`SELECT obs.id FROM observations o JOIN observers obs ON obs.rowid = o.observer_idx
			WHERE o.timestamp >= ? GROUP BY obs.id ORDER BY COUNT(*) DESC LIMIT 1`, first).Scan(&id); err != nil {
			t.Fatal(err)
		}
		ms, n := wantHours(t, srv.WriterDB, first, `SELECT o.timestamp, length(COALESCE(NULLIF(o.raw_hex, ''), t.raw_hex)) / 2
			FROM observations o JOIN observers obs ON obs.rowid = o.observer_idx JOIN transmissions t ON t.id = o.transmission_id
			WHERE obs.id = ?`, id)
		var got dutyAnswer
		getJSON(t, srv.URL+"/api/observers/"+id+"/airtime?hours=24", &got)
		checkDuty(t, got, first, ms, n)
	})

	t.Run("node", func(t *testing.T) {
		// The repeater with the most full-width resolved relays in the window.
		var pk string
		if err := srv.WriterDB.QueryRow(`SELECT lower(r.value) FROM observations o, json_each(o.resolved_path) r
			WHERE o.timestamp >= ? AND length(r.value) = 64 GROUP BY lower(r.value) ORDER BY COUNT(DISTINCT o.transmission_id) DESC LIMIT 1`,
			first).Scan(&pk); err != nil {
			t.Fatal(err)
		}
		// One row per originated transmission and one per relayed one, at its earliest observation.
		ms, n := wantHours(t, srv.WriterDB, first, `
			SELECT (SELECT MIN(o.timestamp) FROM observations o WHERE o.transmission_id = t.id), length(t.raw_hex) / 2
			FROM transmissions t WHERE lower(t.from_pubkey) = ?1
			UNION ALL
			SELECT (SELECT MIN(o.timestamp) FROM observations o WHERE o.transmission_id = t.id), length(t.raw_hex) / 2
			FROM transmissions t WHERE EXISTS (SELECT 1 FROM observations o, json_each(o.resolved_path) r
				WHERE o.transmission_id = t.id AND lower(r.value) = ?1)`, pk)
		var got dutyAnswer
		getJSON(t, srv.URL+"/api/nodes/"+pk+"/airtime?hours=24", &got)
		checkDuty(t, got, first, ms, n)
	})
}

// TestAirtime_BadParams400 checks that a bad hours value or key is a 400 with an error.
func TestAirtime_BadParams400(t *testing.T) {
	srv := testutil.NewTestServer(t, nil)
	pk := "aa"
	for _, path := range []string{
		"/api/observers/x/airtime?hours=0", "/api/observers/x/airtime?hours=169", "/api/observers/x/airtime?hours=abc",
		"/api/nodes/" + pk + "/airtime", "/api/nodes/zz00000000000000000000000000000000000000000000000000000000000000/airtime",
		"/api/nodes/0000000000000000000000000000000000000000000000000000000000000000/airtime?hours=-3",
	} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		var body struct{ Error string }
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || body.Error == "" {
			t.Errorf("%s: status %d error %q, want 400 with a message", path, resp.StatusCode, body.Error)
		}
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}
