package api_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/testutil"
)

// recentAdverts are the node's 20 newest adverts by first_seen. Rows added here get
// rising ids and falling first_seen, like the fixture (issue #16 item 2: nothing that
// means "newest" may follow id order).
func TestNodeDetail_RecentAdvertsNewestByTime(t *testing.T) {
	ts := testutil.NewTestServer(t, nil)
	w := ts.WriterDB
	var pk string
	if err := w.QueryRow(`SELECT n.public_key FROM nodes n JOIN transmissions t ON lower(t.from_pubkey) = lower(n.public_key)
		WHERE t.payload_type = 4 GROUP BY n.public_key ORDER BY count(*) DESC, n.public_key LIMIT 1`).Scan(&pk); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 5, 17, 18, 30, 0, 0, time.UTC)
	var last int64
	for i := range 22 {
		r, err := w.Exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type, from_pubkey)
			VALUES ('1100', ?, ?, 1, 4, ?)`, fmt.Sprintf("%016x", 0xadd000+i), start.Add(-time.Duration(i)*time.Minute).Format(time.RFC3339), pk)
		if err != nil {
			t.Fatal(err)
		}
		last, _ = r.LastInsertId()
		if _, err := w.Exec(`INSERT INTO observations (transmission_id, observer_idx, path_json, timestamp) VALUES (?, 1, '[]', ?)`,
			last, start.Unix()-int64(i)*60); err != nil {
			t.Fatal(err)
		}
	}
	statsTestWait(t, "adverts followed", func() bool {
		_, ok, _ := ts.Store.TransmissionByID(last)
		return ok
	})
	rows, err := w.Query(`SELECT id FROM transmissions WHERE payload_type = 4 AND lower(from_pubkey) = lower(?)
		ORDER BY first_seen DESC, id DESC LIMIT 20`, pk)
	if err != nil {
		t.Fatal(err)
	}
	var want []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		want = append(want, id)
	}
	rows.Close()
	var got struct {
		RecentAdverts []struct {
			ID        int64  `json:"id"`
			FirstSeen string `json:"first_seen"`
		} `json:"recentAdverts"`
	}
	statsTestGet(t, ts.URL+"/api/nodes/"+pk, &got)
	if len(got.RecentAdverts) != len(want) {
		t.Fatalf("%d adverts, SQL %d", len(got.RecentAdverts), len(want))
	}
	for i := range want {
		if got.RecentAdverts[i].ID != want[i] {
			t.Fatalf("recentAdverts[%d] = %d (%s), SQL %d", i, got.RecentAdverts[i].ID, got.RecentAdverts[i].FirstSeen, want[i])
		}
	}
}

// hash_size is the path hash size of the node's newest advert by first_seen: here the
// advert with the lower id is the newer one. The clock stands an hour after the fixture,
// so its adverts are inside hash_size's 7-day window.
func TestNodeDetail_HashSizeFromNewestAdvert(t *testing.T) {
	ts := testutil.NewTestServer(t, func(o *api.Options) {
		o.Now = func() time.Time { return time.Date(2026, 5, 17, 19, 13, 27, 0, time.UTC) }
	})
	w := ts.WriterDB
	var pk, raw string
	if err := w.QueryRow(`SELECT n.public_key, t.raw_hex FROM nodes n JOIN transmissions t ON lower(t.from_pubkey) = lower(n.public_key)
		WHERE t.payload_type = 4 AND t.raw_hex LIKE '1200%' ORDER BY t.id LIMIT 1`).Scan(&pk, &raw); err != nil {
		t.Fatal(err)
	}
	var newestSeen string
	if err := w.QueryRow(`SELECT max(first_seen) FROM transmissions WHERE payload_type = 4 AND lower(from_pubkey) = lower(?)`, pk).Scan(&newestSeen); err != nil {
		t.Fatal(err)
	}
	top, err := time.Parse(time.RFC3339, newestSeen)
	if err != nil {
		t.Fatal(err)
	}
	// Flood adverts with no hops: path byte 0x40 = 2-byte hashes, 0x00 = 1-byte hashes.
	var last int64
	for i, v := range []struct{ pathByte, hash string }{{"40", "00000000000ad5a2"}, {"00", "00000000000ad5a1"}} {
		r, err := w.Exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type, from_pubkey)
			VALUES (?, ?, ?, 1, 4, ?)`, "11"+v.pathByte+raw[4:], v.hash, top.Add(time.Duration(10-5*i)*time.Minute).Format(time.RFC3339), pk)
		if err != nil {
			t.Fatal(err)
		}
		last, _ = r.LastInsertId()
	}
	statsTestWait(t, "adverts followed", func() bool {
		_, ok, _ := ts.Store.TransmissionByID(last)
		return ok
	})
	var got struct {
		Node struct {
			HashSize *int  `json:"hash_size"`
			Seen     []int `json:"hash_sizes_seen"`
		} `json:"node"`
	}
	statsTestGet(t, ts.URL+"/api/nodes/"+pk, &got)
	if got.Node.HashSize == nil || *got.Node.HashSize != 2 || len(got.Node.Seen) != 2 {
		size := -1
		if got.Node.HashSize != nil {
			size = *got.Node.HashSize
		}
		t.Fatalf("hash_size %d (seen %v), want 2 from the newest advert", size, got.Node.Seen)
	}
}
