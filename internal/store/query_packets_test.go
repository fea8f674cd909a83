package store

import (
	"database/sql"
	"slices"
	"strings"
	"testing"
)

// sqlIDs runs a transmission-id query for cross-checking filters.
func sqlIDs(t *testing.T, db *sql.DB, q string, args ...any) []int64 {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

func ids(txs []Transmission) []int64 {
	var out []int64
	for _, t := range txs {
		out = append(out, t.ID)
	}
	return out
}

func TestTransmissions_FiltersMatchSQL(t *testing.T) {
	path, db := fixtureDB(t)
	s := openStore(t, path, Options{ChunkSize: 100})
	var observer, node, channel, since string
	if err := db.QueryRow(`SELECT ob.id FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
		GROUP BY ob.id ORDER BY count(*) DESC LIMIT 1`).Scan(&observer); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT from_pubkey FROM transmissions WHERE from_pubkey IS NOT NULL
		GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).Scan(&node); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT channel_hash FROM transmissions WHERE payload_type = 5 AND channel_hash IS NOT NULL
		GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).Scan(&channel); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT first_seen FROM transmissions ORDER BY first_seen LIMIT 1 OFFSET 200`).Scan(&since); err != nil {
		t.Fatal(err)
	}
	obsSQL := `EXISTS (SELECT 1 FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx WHERE o.transmission_id = t.id AND ob.id = ?)`
	nodeSQL := `(lower(t.from_pubkey) = ? OR EXISTS (SELECT 1 FROM observations o WHERE o.transmission_id = t.id AND lower(o.resolved_path) LIKE ?))`
	cases := []struct {
		name string
		f    Filter
		q    string
		args []any
	}{
		{"all", Filter{}, `1`, nil},
		{"type", Filter{PayloadType: intp(4)}, `t.payload_type = 4`, nil},
		{"route", Filter{RouteType: intp(1)}, `t.route_type = 1`, nil},
		{"type+route", Filter{PayloadType: intp(5), RouteType: intp(1)}, `t.payload_type = 5 AND t.route_type = 1`, nil},
		{"observer", Filter{Observers: []string{observer}}, obsSQL, []any{observer}},
		{"observer+type", Filter{Observers: []string{observer}, PayloadType: intp(4)}, obsSQL + ` AND t.payload_type = 4`, []any{observer}},
		{"node", Filter{Nodes: []string{strings.ToUpper(node)}}, nodeSQL, []any{strings.ToLower(node), `%"` + strings.ToLower(node) + `"%`}},
		{"channel", Filter{Channel: channel}, `t.payload_type = 5 AND t.channel_hash = ?`, []any{channel}},
		{"since", Filter{Since: since}, `t.first_seen > ?`, []any{since}},
		{"until+type", Filter{Until: since, PayloadType: intp(4)}, `t.first_seen < ? AND t.payload_type = 4`, []any{since}},
		{"missing observer", Filter{Observers: []string{"nope"}}, `0`, nil},
		{"missing type", Filter{PayloadType: intp(99)}, `0`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := sqlIDs(t, db, `SELECT t.id FROM transmissions t WHERE `+c.q+` ORDER BY t.id DESC`, c.args...)
			got, total := s.Transmissions(c.f, 0, -1)
			if total != len(want) || !slices.Equal(ids(got), want) {
				t.Fatalf("got %d ids (total %d), want %d: %v vs %v", len(got), total, len(want), head(ids(got)), head(want))
			}
			if c.name != "missing observer" && c.name != "missing type" && len(want) == 0 {
				t.Fatalf("case %s selects nothing in the fixture", c.name)
			}
			c.f.Ascending = true
			asc, _ := s.Transmissions(c.f, 1, 3)
			slices.Reverse(want)
			if exp := want[min(1, len(want)):min(4, len(want))]; !slices.Equal(ids(asc), exp) {
				t.Fatalf("ascending page = %v, want %v", ids(asc), exp)
			}
		})
	}
}

func head(v []int64) []int64 { return v[:min(len(v), 8)] }

func TestTransmissions_RowsMatchSQL(t *testing.T) {
	path, db := fixtureDB(t)
	s := openStore(t, path, Options{})
	var id, nObs int64
	var hash string
	if err := db.QueryRow(`SELECT t.id, t.hash, count(*) FROM transmissions t JOIN observations o ON o.transmission_id = t.id
		GROUP BY t.id ORDER BY count(*) DESC, t.id LIMIT 1`).Scan(&id, &hash, &nObs); err != nil {
		t.Fatal(err)
	}
	tx, ok := s.TransmissionByHash(strings.ToUpper(hash))
	if !ok || tx.ID != id || len(tx.Observations) != int(nObs) {
		t.Fatalf("by hash: ok=%v id=%d obs=%d, want id %d obs %d", ok, tx.ID, len(tx.Observations), id, nObs)
	}
	byID, ok := s.TransmissionByID(id)
	if !ok || byID.Hash != hash || byID.RawHex == "" || byID.FirstSeen == "" {
		t.Fatalf("by id: %+v", byID)
	}
	for i := 1; i < len(tx.Observations); i++ {
		a, b := tx.Observations[i-1], tx.Observations[i]
		if a.Timestamp < b.Timestamp || (a.Timestamp == b.Timestamp && a.ID < b.ID) {
			t.Fatalf("observations not newest first: %v before %v", a, b)
		}
	}
	o := tx.Observations[0]
	var obsID, ts int64
	var observer, iata sql.NullString
	if err := db.QueryRow(`SELECT o.id, o.timestamp, ob.id, ob.iata FROM observations o LEFT JOIN observers ob ON ob.rowid = o.observer_idx
		WHERE o.id = ?`, o.ID).Scan(&obsID, &ts, &observer, &iata); err != nil {
		t.Fatal(err)
	}
	if o.Timestamp != formatTS(ts) || str(o.ObserverID) != observer.String || str(o.ObserverIATA) != iata.String {
		t.Fatalf("observation %d = %+v, want ts %d observer %q iata %q", o.ID, o, ts, observer.String, iata.String)
	}
	gotTx, gotObs, ok := s.ObservationByID(o.ID)
	if !ok || gotTx.ID != id || gotObs.ID != o.ID {
		t.Fatalf("observation by id: %v %d %d", ok, gotTx.ID, gotObs.ID)
	}
	if _, _, ok := s.ObservationByID(-5); ok {
		t.Fatal("unknown observation found")
	}
	res := s.ObservationsForHashes([]string{hash, "0000000000000000"})
	if len(res[hash]) != int(nObs) || res["0000000000000000"] == nil || len(res["0000000000000000"]) != 0 {
		t.Fatalf("observations for hashes = %d / %v", len(res[hash]), res["0000000000000000"])
	}
}

func TestFirstSeenAfter_MatchesSQL(t *testing.T) {
	path, db := fixtureDB(t)
	s := openStore(t, path, Options{})
	var since string
	if err := db.QueryRow(`SELECT first_seen FROM transmissions ORDER BY first_seen LIMIT 1 OFFSET 400`).Scan(&since); err != nil {
		t.Fatal(err)
	}
	got := s.FirstSeenAfter(since)
	if want := sqlInt(t, db, `SELECT count(*) FROM transmissions WHERE first_seen > ?`, since); len(got) != want || !slices.IsSorted(got) {
		t.Fatalf("got %d values (sorted %v), want %d", len(got), slices.IsSorted(got), want)
	}
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func TestTransmissions_EmptyConstraintsMatchNothing(t *testing.T) {
	path, _ := fixtureDB(t)
	s := openStore(t, path, Options{})
	for _, f := range []Filter{{Hash: "ffffffffffffffff"}, {PayloadType: intp(300)}, {Nodes: []string{"zz"}}, {Channel: "#none"}, {Regions: []string{"XXX"}}} {
		if got, n := s.Transmissions(f, 0, 10); n != 0 || len(got) != 0 {
			t.Errorf("%+v matched %d", f, n)
		}
	}
	if got, n := s.Transmissions(Filter{}, 495, 10); n != 499 || len(got) != 4 {
		t.Fatalf("tail page: %d rows of %d", len(got), n)
	}
}
