package api

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/schema"
)

// specTypeNames are the payload type names of api.md §4.1, written out here so the
// expectation does not come from meshcore.
var specTypeNames = map[int]string{0: "REQ", 1: "RESPONSE", 2: "TXT_MSG", 3: "ACK", 4: "ADVERT", 5: "GRP_TXT",
	6: "GRP_DATA", 7: "ANON_REQ", 8: "PATH", 9: "TRACE", 10: "MULTIPART", 11: "CONTROL", 15: "RAW_CUSTOM"}

// sqlAudioSamples picks, per payload type, the rows at 0-based positions round(k·(n−1)/7),
// k = 0…7 (all rows when n ≤ 8), of ORDER BY length(raw_hex), id — straight from SQL. The
// best observation is the longest path, the oldest (then lowest id) on ties.
func sqlAudioSamples(t *testing.T, db *sql.DB) map[string][]analytics.AudioSample {
	t.Helper()
	rows, err := db.Query(`WITH ranked AS (
		SELECT id, hash, raw_hex, decoded_json, payload_type, first_seen,
			ROW_NUMBER() OVER (PARTITION BY payload_type ORDER BY length(raw_hex), id) - 1 AS rn,
			COUNT(*) OVER (PARTITION BY payload_type) AS n
		FROM transmissions WHERE raw_hex IS NOT NULL AND raw_hex <> '' AND payload_type IS NOT NULL),
	ks(k) AS (VALUES (0), (1), (2), (3), (4), (5), (6), (7)),
	best AS (
		SELECT o.transmission_id AS tx, obs.id AS observer_id, o.path_json,
			ROW_NUMBER() OVER (PARTITION BY o.transmission_id ORDER BY
				coalesce(CASE WHEN json_valid(o.path_json) THEN json_array_length(o.path_json) END, 0) DESC, o.timestamp, o.id) AS pick
		FROM observations o LEFT JOIN observers obs ON obs.rowid = o.observer_idx)
	SELECT r.payload_type, r.hash, r.raw_hex, r.decoded_json, r.first_seen,
		(SELECT count(*) FROM observations o WHERE o.transmission_id = r.id), b.observer_id, b.path_json
	FROM ranked r LEFT JOIN best b ON b.tx = r.id AND b.pick = 1
	WHERE r.n <= 8 OR r.rn IN (SELECT CAST(round(k * (r.n - 1) / 7.0) AS INTEGER) FROM ks)
	ORDER BY r.payload_type, r.rn`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]analytics.AudioSample{}
	for rows.Next() {
		var s analytics.AudioSample
		var decoded, observer, path sql.NullString
		if err := rows.Scan(&s.PayloadType, &s.Hash, &s.RawHex, &decoded, &s.Timestamp, &s.ObservationCount, &observer, &path); err != nil {
			t.Fatal(err)
		}
		s.DecodedJSON, s.ObserverID, s.PathJSON = nullPtr(decoded), nullPtr(observer), nullPtr(path)
		name, ok := specTypeNames[s.PayloadType]
		if !ok {
			name = "UNKNOWN"
		}
		out[name] = append(out[name], s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func nullPtr(v sql.NullString) *string {
	if !v.Valid {
		return nil
	}
	return &v.String
}

func show(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// TestAudioLab_SamplesPerTypeMatchSQL: `buckets` has the api.md #73 shape — a map from payload
// type name to at most 8 packets spread evenly over the type's size-sorted packets — and each
// type's packets, in order and field by field, equal an independent SQL pick on the fixture.
// The time-window parameters do not change the sample. hash and raw_hex compare case-blind (the
// store serves lower-case hex, the fixture holds upper-case).
func TestAudioLab_SamplesPerTypeMatchSQL(t *testing.T) {
	f := newFixture(t)
	db, err := sql.Open("sqlite", schema.ReaderDSN(f.dbPath))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := sqlAudioSamples(t, db)
	// Fixture per type (hand-checked with sqlite3): 9 types; ADVERT 102, GRP_TXT 166 … TRACE 8, CONTROL 4.
	if len(want) != 9 || len(want["TRACE"]) != 8 || len(want["CONTROL"]) != 4 || len(want["ADVERT"]) != 8 {
		t.Fatalf("SQL expectation looks wrong: %d types, TRACE %d, CONTROL %d, ADVERT %d", len(want), len(want["TRACE"]), len(want["CONTROL"]), len(want["ADVERT"]))
	}
	for _, path := range []string{"/api/audio-lab/buckets", "/api/audio-lab/buckets?minutes=5&bucket=60&to=2026-05-17T16:10:00Z"} {
		var got analytics.AudioBuckets
		f.getJSON(t, path, &got)
		if len(got.Buckets) != len(want) {
			t.Errorf("%s: %d types %v, SQL %d", path, len(got.Buckets), keysOfSamples(got.Buckets), len(want))
		}
		for name, ws := range want {
			gs := got.Buckets[name]
			if len(gs) != len(ws) {
				t.Errorf("%s %s: %d packets, SQL %d", path, name, len(gs), len(ws))
				continue
			}
			for i := range ws {
				g, w := gs[i], ws[i]
				if !strings.EqualFold(g.Hash, w.Hash) || !strings.EqualFold(g.RawHex, w.RawHex) || show(g.DecodedJSON) != show(w.DecodedJSON) || g.ObservationCount != w.ObservationCount ||
					g.PayloadType != w.PayloadType || show(g.PathJSON) != show(w.PathJSON) || show(g.ObserverID) != show(w.ObserverID) || g.Timestamp != w.Timestamp {
					t.Errorf("%s %s[%d]:\n got %s %d %d %s %s %s\nwant %s %d %d %s %s %s", path, name, i,
						g.Hash, len(g.RawHex), g.ObservationCount, show(g.ObserverID), show(g.PathJSON), g.Timestamp,
						w.Hash, len(w.RawHex), w.ObservationCount, show(w.ObserverID), show(w.PathJSON), w.Timestamp)
				}
			}
		}
	}
}

func keysOfSamples(m map[string][]analytics.AudioSample) string {
	s := ""
	for k, v := range m {
		s += fmt.Sprintf("%s:%d ", k, len(v))
	}
	return s
}
