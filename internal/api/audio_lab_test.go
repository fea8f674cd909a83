package api

import (
	"database/sql"
	"net/http"
	"testing"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/schema"
)

// sqlAudioCounts counts the fixture's transmissions per bucket of step seconds over
// [from, to), straight from SQL.
func sqlAudioCounts(t *testing.T, db *sql.DB, from, to string, step int) map[int]int {
	t.Helper()
	rows, err := db.Query(`SELECT (CAST(strftime('%s', first_seen) AS INTEGER) - CAST(strftime('%s', ?1) AS INTEGER)) / ?3, count(*)
		FROM transmissions WHERE strftime('%s', first_seen) + 0 >= strftime('%s', ?1) + 0 AND strftime('%s', first_seen) + 0 < strftime('%s', ?2) + 0
		GROUP BY 1`, from, to, step)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int]int{}
	for rows.Next() {
		var b, n int
		if err := rows.Scan(&b, &n); err != nil {
			t.Fatal(err)
		}
		out[b] = n
	}
	return out
}

func checkAudioCounts(t *testing.T, got analytics.AudioBuckets, want map[int]int) {
	t.Helper()
	sum := 0
	for i, b := range got.Timeline {
		if b.Count != want[i] {
			t.Errorf("bucket %d (%s): count %d, SQL %d", i, b.Start, b.Count, want[i])
		}
		if len(b.Packets) != min(b.Count, analytics.AudioMaxNotes) {
			t.Errorf("bucket %d lists %d packets for count %d", i, len(b.Packets), b.Count)
		}
		sum += b.Count
	}
	if got.Total != sum {
		t.Errorf("total %d, buckets sum %d", got.Total, sum)
	}
}

// TestAudioLab_BucketsMatchSQL: every bucket's count equals an SQL count on the fixture,
// for an explicit window and for the default one (ending just after the newest packet).
func TestAudioLab_BucketsMatchSQL(t *testing.T) {
	f := newFixture(t)
	db, err := sql.Open("sqlite", schema.ReaderDSN(f.dbPath))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	// Explicit: three hours of 5-minute buckets ending 18:15 cover the whole fixture
	// (16:05:57–18:13:27, 499 transmissions, hand-checked with sqlite3).
	var got analytics.AudioBuckets
	f.getJSON(t, "/api/audio-lab/buckets?minutes=180&bucket=300&to=2026-05-17T18:15:00Z", &got)
	if got.From != "2026-05-17T15:15:00Z" || got.To != "2026-05-17T18:15:00Z" || len(got.Timeline) != 36 {
		t.Fatalf("window %s–%s with %d buckets, want 15:15–18:15 with 36", got.From, got.To, len(got.Timeline))
	}
	checkAudioCounts(t, got, sqlAudioCounts(t, db, got.From, got.To, 300))
	if got.Total != 499 {
		t.Errorf("total %d, want all 499 fixture transmissions", got.Total)
	}

	// Default: 60 one-minute buckets; the newest packet (18:13:27) is in the last one.
	var def analytics.AudioBuckets
	f.getJSON(t, "/api/audio-lab/buckets", &def)
	if def.From != "2026-05-17T17:14:00Z" || def.To != "2026-05-17T18:14:00Z" || len(def.Timeline) != 60 {
		t.Fatalf("default window %s–%s with %d buckets, want 17:14–18:14 with 60", def.From, def.To, len(def.Timeline))
	}
	checkAudioCounts(t, def, sqlAudioCounts(t, db, def.From, def.To, 60))
	if def.Timeline[59].Count == 0 {
		t.Error("the last default bucket should hold the newest packet")
	}
}

// TestAudioLab_NotesMatchSQL: each listed packet's SNR (best heard), hops (longest path)
// and size equal what SQL reads from its observations.
func TestAudioLab_NotesMatchSQL(t *testing.T) {
	f := newFixture(t)
	db, err := sql.Open("sqlite", schema.ReaderDSN(f.dbPath))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got analytics.AudioBuckets
	f.getJSON(t, "/api/audio-lab/buckets?minutes=180&bucket=300&to=2026-05-17T18:15:00Z", &got)
	checked := 0
	for _, b := range got.Timeline {
		for _, n := range b.Packets {
			var size, hops, typ int
			var snr sql.NullFloat64
			err := db.QueryRow(`SELECT coalesce(length(t.raw_hex), 0) / 2, coalesce(t.payload_type, -1), max(o.snr),
				coalesce(max(CASE WHEN json_valid(o.path_json) THEN json_array_length(o.path_json) END), 0)
				FROM transmissions t LEFT JOIN observations o ON o.transmission_id = t.id WHERE lower(t.hash) = lower(?)`, n.Hash).Scan(&size, &typ, &snr, &hops)
			if err != nil {
				t.Fatalf("%s: %v", n.Hash, err)
			}
			if n.Size != size || n.Hops != hops || n.Type != typ || (n.SNR == nil) != !snr.Valid || (n.SNR != nil && *n.SNR != snr.Float64) {
				t.Errorf("%s: size %d hops %d type %d snr %v; SQL %d %d %d %v", n.Hash, n.Size, n.Hops, n.Type, n.SNR, size, hops, typ, snr)
			}
			checked++
		}
	}
	if checked != 499 {
		t.Errorf("checked %d notes, want 499", checked)
	}
}

// TestAudioLab_BadParams: malformed or out-of-bounds parameters are a 400 with a message.
func TestAudioLab_BadParams(t *testing.T) {
	f := newFixture(t)
	for _, qs := range []string{"minutes=0", "minutes=1441", "minutes=abc", "bucket=0", "bucket=3601", "bucket=1.5",
		"minutes=1&bucket=120", "minutes=1440&bucket=59", "to=yesterday"} {
		code, _, body := f.do(t, http.MethodGet, "/api/audio-lab/buckets?"+qs, "", nil)
		if code != http.StatusBadRequest || len(body) < 10 {
			t.Errorf("%s: status %d body %q, want 400 with a message", qs, code, body)
		}
	}
}
