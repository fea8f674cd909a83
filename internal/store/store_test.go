package store

import (
	"testing"
)

func TestStore_FixtureCounts(t *testing.T) {
	path, db := fixtureDB(t)
	s := openStore(t, path, Options{ChunkSize: 37})
	c := s.Counts()
	want := map[string][2]int64{
		"transmissions": {c.Transmissions, int64(sqlInt(t, db, "SELECT count(*) FROM transmissions"))},
		"observations":  {c.Observations, int64(sqlInt(t, db, "SELECT count(*) FROM observations"))},
		"nodes":         {c.Nodes, int64(sqlInt(t, db, "SELECT count(*) FROM nodes"))},
		"observers":     {c.Observers, int64(sqlInt(t, db, "SELECT count(*) FROM observers"))},
	}
	for k, v := range want {
		if v[0] != v[1] {
			t.Errorf("%s: store %d, sql %d", k, v[0], v[1])
		}
	}
	// The fixture holds 500 observations; the observations_dedup_v1 migration removes
	// its one duplicate group, leaving 499.
	if c.Transmissions != 499 || c.Observations != 499 || c.Nodes != 200 || c.Observers != 31 {
		t.Errorf("fixture counts = %+v", c)
	}
	if !c.LoadComplete || !s.Ready() {
		t.Errorf("load not complete: %+v", c)
	}
}
