package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestChannels_MatchSQL(t *testing.T) {
	path, db := fixtureDB(t)
	s := openStore(t, path, Options{})
	chans := s.Channels(nil)
	if want := sqlInt(t, db, `SELECT count(DISTINCT channel_hash) FROM transmissions WHERE payload_type = 5 AND channel_hash IS NOT NULL`); len(chans) != want {
		t.Fatalf("%d channels, want %d", len(chans), want)
	}
	for i, c := range chans {
		if n := sqlInt(t, db, `SELECT count(*) FROM transmissions WHERE payload_type = 5 AND channel_hash = ?`, c.Hash); c.MessageCount != n {
			t.Errorf("%s: %d messages, want %d", c.Hash, c.MessageCount, n)
		}
		if c.Encrypted != strings.HasPrefix(c.Hash, "enc_") || (!c.Encrypted && c.LastText == "") {
			t.Errorf("channel %+v", c)
		}
		if i > 0 && chans[i-1].LastActivity < c.LastActivity {
			t.Errorf("not sorted by activity at %d", i)
		}
	}
	msgs, total := s.ChannelMessages("#test", nil, 0, 10)
	if total != sqlInt(t, db, `SELECT count(*) FROM transmissions WHERE payload_type = 5 AND channel_hash = '#test'`) || len(msgs) != 10 {
		t.Fatalf("messages %d total %d", len(msgs), total)
	}
	for i := 1; i < len(msgs); i++ {
		if msgs[i-1].TxID > msgs[i].TxID {
			t.Fatal("page not oldest first")
		}
	}
	newest := sqlInt(t, db, `SELECT max(id) FROM transmissions WHERE payload_type = 5 AND channel_hash = '#test'`)
	if last := msgs[len(msgs)-1]; last.TxID != int64(newest) || last.Text == "" || last.Repeats < 1 || len(last.Observers) == 0 {
		t.Fatalf("newest message %+v (want tx %d)", last, newest)
	}
	if sender, text := messageText(ptr(`{"text":"Bob: hi: there","sender":"Bob"}`)); sender != "Bob" || text != "hi: there" {
		t.Fatalf("messageText = %q %q", sender, text)
	}
	if sender, text := messageText(ptr(`not json`)); sender != "" || text != "" {
		t.Fatal("bad JSON parsed")
	}
}

func TestNodeQueries_MatchSQL(t *testing.T) {
	path, db := fixtureDB(t)
	s := openStore(t, path, Options{})
	var pk string
	if err := db.QueryRow(`SELECT lower(public_key) FROM nodes n ORDER BY (SELECT count(*) FROM observations o
		WHERE o.resolved_path LIKE '%' || lower(n.public_key) || '%') DESC LIMIT 1`).Scan(&pk); err != nil {
		t.Fatal(err)
	}
	nodeTx := sqlInt(t, db, `SELECT count(*) FROM transmissions t WHERE lower(t.from_pubkey) = ?1 OR EXISTS
		(SELECT 1 FROM observations o WHERE o.transmission_id = t.id AND o.resolved_path LIKE '%"' || ?1 || '"%')`, pk)
	h := s.NodeHealth(strings.ToUpper(pk), time.Now())
	if h.TotalTransmissions != nodeTx || h.TotalObservations < nodeTx || h.LastHeard == "" || len(h.Observers) == 0 {
		t.Fatalf("health %+v, want %d transmissions", h, nodeTx)
	}
	sum := 0
	for _, o := range h.Observers {
		sum += o.Count
	}
	if sum > h.TotalObservations {
		t.Fatalf("observer counts %d > observations %d", sum, h.TotalObservations)
	}
	if _, n := s.NodeTransmissions(pk, 0, 5); n != nodeTx {
		t.Fatalf("node transmissions %d, want %d", n, nodeTx)
	}
	groups, txs := s.NodePaths(pk)
	through := sqlInt(t, db, `SELECT count(*) FROM observations WHERE resolved_path LIKE '%"' || ? || '"%'`, pk)
	got := 0
	for i, g := range groups {
		got += g.Count
		if i > 0 && groups[i-1].LastSeen < g.LastSeen {
			t.Fatal("paths not sorted by last seen")
		}
		if g.SampleHash == "" || len(g.Hops) == 0 {
			t.Fatalf("group %+v", g)
		}
	}
	if got != through || txs == 0 || txs > through {
		t.Fatalf("paths cover %d observations in %d transmissions, want %d observations", got, txs, through)
	}
	if last := s.NodeLastHeard(); last[pk] == 0 {
		t.Fatal("no last-heard time")
	}
	if res := s.SearchNodes(pk[:6], 10); len(res) != 1 || !strings.EqualFold(res[0].PublicKey, pk) {
		t.Fatalf("search by prefix = %d nodes", len(res))
	}
	if n, ok := s.Node(strings.ToUpper(pk)); !ok || !strings.EqualFold(n.PublicKey, pk) {
		t.Fatal("node lookup")
	}
}

func TestObserverQueries_MatchSQL(t *testing.T) {
	path, db := fixtureDB(t)
	s := openStore(t, path, Options{})
	var id string
	var n int
	if err := db.QueryRow(`SELECT ob.id, count(*) FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
		GROUP BY ob.id ORDER BY count(*) DESC LIMIT 1`).Scan(&id, &n); err != nil {
		t.Fatal(err)
	}
	pts := s.ObserverActivity(id, 0)
	if len(pts) != n {
		t.Fatalf("activity %d, want %d", len(pts), n)
	}
	for _, p := range pts {
		if p.Unix == 0 || p.TxID == 0 {
			t.Fatalf("point %+v", p)
		}
	}
	if c, err := s.ObserverCounts(context.Background(), time.Unix(0, 0)); err != nil || c[id] != n {
		t.Fatalf("observer count %d (%v), want %d", c[id], err, n)
	}
	recent := s.RecentObservations(id, 5)
	if len(recent) != min(5, n) || recent[0].Hash == "" || str(recent[0].ObserverID) != id {
		t.Fatalf("recent %+v", recent)
	}
	ob, ok := s.Observer(id)
	if !ok || ob.ID != id {
		t.Fatal("observer lookup")
	}
	if _, ok := s.Observer("nope"); ok {
		t.Fatal("unknown observer found")
	}
	iatas := s.ObserverIATAs()
	if want := sqlInt(t, db, `SELECT count(DISTINCT iata) FROM observers WHERE iata IS NOT NULL AND iata != ''`); len(iatas) != want {
		t.Fatalf("iatas %v, want %d", iatas, want)
	}
	region := iatas[0]
	_, total := s.Transmissions(Filter{Regions: []string{strings.ToLower(region)}}, 0, 0)
	if want := sqlInt(t, db, `SELECT count(DISTINCT o.transmission_id) FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
		WHERE ob.iata = ?`, region); total != want {
		t.Fatalf("region %s: %d, want %d", region, total, want)
	}
}

func ptr(s string) *string { return &s }
