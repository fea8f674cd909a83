package ingest_test

import (
	"context"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

func TestIngester_FixtureDatabaseKeepsIngesting(t *testing.T) {
	path := testutil.CopyFixture(t)
	db := testutil.OpenMigrated(t, path)
	if err := schema.AssertReady(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	legacy := countRows(t, db, `SELECT COUNT(*) FROM transmissions`)
	legacyObs := countRows(t, db, `SELECT COUNT(*) FROM observations`)
	vs := fixtureVectors(t)
	stale := 0
	for _, v := range vs {
		if v.Hash != v.ContentHash {
			stale++
		}
	}
	if stale == 0 {
		t.Fatal("fixture has no legacy hashes; test would prove nothing")
	}
	in := openIngester(t, db, func(o *ingest.Options) { o.ChannelKeys = vectorKeys(t, vs) })
	st := in.Stats(time.Now())
	if got := st.BackfillUpdates["content_hash"]; got != int64(stale) {
		t.Errorf("repaired legacy hashes: got %d, want %d", got, stale)
	}
	// Every replaced hash stays resolvable: hash_aliases maps the fixture's stored hash to the
	// vector's content hash, for exactly the stale rows.
	aliases := 0
	for _, v := range vs {
		if v.Hash == v.ContentHash {
			continue
		}
		var got string
		if err := db.QueryRow(`SELECT hash FROM hash_aliases WHERE alias = lower(?)`, v.Hash).Scan(&got); err != nil || got != v.ContentHash {
			t.Errorf("alias %s: got %q (%v), want %s", v.Hash, got, err, v.ContentHash)
		}
		aliases++
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM hash_aliases`); n != aliases {
		t.Errorf("hash_aliases rows: got %d, want %d", n, aliases)
	}
	newObserver := observerKeys[2]
	good := 0
	for i, v := range vs {
		if decodable(v) {
			good++
		}
		in.Submit("local", "meshcore/OAK/"+newObserver+"/packets", packetJSON(v.RawHex, i), time.Now(), nil)
	}
	closeIngester(t, in)
	// Every fixture packet already exists (after hash repair), so no transmission is added.
	if got := countRows(t, db, `SELECT COUNT(*) FROM transmissions`); got != legacy {
		t.Errorf("transmissions: got %d, want the %d existing rows (new receptions must dedup onto them)", got, legacy)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations`); got != legacyObs+good {
		t.Errorf("observations: got %d, want %d", got, legacyObs+good)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM transmissions t WHERE EXISTS
		(SELECT 1 FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
		 WHERE o.transmission_id = t.id AND ob.id = ?)`, newObserver); got != good {
		t.Errorf("transmissions seen by the new observer: got %d, want %d", got, good)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observers`); got != 32 {
		t.Errorf("observers: got %d, want 31 legacy + 1 new", got)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM nodes`); got < 200 {
		t.Errorf("nodes: got %d, want the 200 legacy rows kept", got)
	}
	// Reopening runs no migration twice and no second hash repair.
	in2 := openIngester(t, db, nil)
	if got := in2.Stats(time.Now()).BackfillUpdates["content_hash"]; got != 0 {
		t.Errorf("second open repaired %d hashes again", got)
	}
	closeIngester(t, in2)
}
