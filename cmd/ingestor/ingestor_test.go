package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
	"github.com/corescope/corescope/internal/testutil"
)

// fixtureCounts returns how many fixture vectors decode and how many distinct hashes.
func fixtureCounts(t *testing.T) (total, good, hashes int) {
	seen := map[string]bool{}
	for _, v := range testutil.LoadVectors(t) {
		if v.Source != "fixture" {
			continue
		}
		total++
		var rd map[string]json.RawMessage
		json.Unmarshal(v.ReferenceDecode, &rd)
		if _, bad := rd["error"]; !bad {
			good++
			seen[v.ContentHash] = true
		}
	}
	return total, good, len(seen)
}

func TestIngestor_SIGKILLAndRestartLosesNothing(t *testing.T) {
	testStopMidStream(t, syscall.SIGKILL)
}

func TestIngestor_SIGTERMMidStreamLosesNothing(t *testing.T) {
	testStopMidStream(t, syscall.SIGTERM)
}

// testStopMidStream stops the ingestor with sig while a publisher streams, restarts it,
// and requires every published observation exactly once.
func testStopMidStream(t *testing.T, sig syscall.Signal) {
	e := newEnv(t)
	vectors := testutil.SharedPath(t, "testdata/vectors.json")
	_, good, hashes := fixtureCounts(t)
	const observers = 3

	p1 := e.start()
	e.waitStats("first run subscribed", subscribed)
	pub := e.publish("-vectors", vectors, "-observers", "3", "-rate", "500")
	out := &strings.Builder{}
	pub.Stdout, pub.Stderr = out, out
	if err := pub.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill mid-stream: some messages are committed, some in flight, the rest still coming.
	e.waitStats("some rows committed", func(s *statsfile.Snapshot) bool { return s.ObsInserted > 200 })
	p1.cmd.Process.Signal(sig)
	if err := <-p1.done; sig == syscall.SIGTERM && err != nil {
		t.Errorf("graceful stop: %v\n%s", err, p1.out)
	}
	p1.done <- nil
	time.Sleep(300 * time.Millisecond) // messages published now queue in the persistent session

	p2 := e.start()
	if err := pub.Wait(); err != nil {
		t.Fatalf("publisher: %v\n%s", err, out)
	}
	if !strings.Contains(out.String(), "published ") {
		t.Fatalf("publisher output: %s", out)
	}
	db := e.readDB()
	waitCount(t, db, `SELECT COUNT(*) FROM observations`, observers*good)
	p2.stop(t)
	if s, _, err := statsfile.Read(e.stats); err == nil {
		t.Logf("second run: %d observations inserted, %d redelivered duplicates absorbed", s.ObsInserted, s.ObsDupes)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM observations`); got != observers*good {
		t.Errorf("observations after restart: got %d, want exactly %d", got, observers*good)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM transmissions`); got != hashes {
		t.Errorf("transmissions: got %d, want %d", got, hashes)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM (SELECT transmission_id, observer_idx, path_json FROM observations
		GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)`); got != 0 {
		t.Errorf("duplicate observations: %d groups", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM observations WHERE observer_idx IS NULL`); got != 0 {
		t.Errorf("observations without observer: %d", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM observers`); got != observers {
		t.Errorf("observers: got %d, want %d", got, observers)
	}
}

func TestIngestor_ReconnectsAfterBrokerRestart(t *testing.T) {
	e := newEnv(t)
	p := e.start()
	e.waitStats("subscribed", subscribed)
	hexes := []string{}
	for _, v := range testutil.LoadVectors(t)[:40] {
		hexes = append(hexes, v.RawHex)
	}
	if out, err := e.publish(append([]string{"-status=false"}, hexes[:20]...)...).CombinedOutput(); err != nil {
		t.Fatalf("publish: %v %s", err, out)
	}
	db := e.readDB()
	waitCount(t, db, `SELECT COUNT(*) FROM observations`, 20)

	e.broker.Stop()
	e.waitStats("disconnect noticed", func(s *statsfile.Snapshot) bool { return !s.SourceStatuses[0].Connected })
	e.broker.Start()
	start := time.Now()
	s := e.waitStats("reconnect in stats file", func(s *statsfile.Snapshot) bool {
		st := s.SourceStatuses[0]
		return st.Subscribed && st.ReconnectCount >= 1
	})
	t.Logf("reconnected %.1fs after broker restart", time.Since(start).Seconds())
	if st := s.SourceStatuses[0]; st.DisconnectCount < 1 || st.ConnectCount < 2 || st.LastError == "" {
		t.Errorf("source status after restart: %+v", st)
	}
	if out, err := e.publish(append([]string{"-status=false"}, hexes[20:]...)...).CombinedOutput(); err != nil {
		t.Fatalf("publish: %v %s", err, out)
	}
	waitCount(t, db, `SELECT COUNT(*) FROM observations`, 40)
	p.stop(t)
}

func TestIngestor_StatsFileIgnoresPlantedSymlink(t *testing.T) {
	e := newEnv(t)
	victim := filepath.Join(e.dir, "victim.txt")
	if err := os.WriteFile(victim, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, e.stats); err != nil {
		t.Fatal(err)
	}
	p := e.start()
	s := e.waitStats("stats written", subscribed)
	if s.SampledAt == "" || s.QueueCapacity != 50000 || s.WatchdogLastTickUnix == nil {
		t.Errorf("stats content: %+v", s)
	}
	time.Sleep(1200 * time.Millisecond) // a second tick must also leave the target alone
	if b, _ := os.ReadFile(victim); string(b) != "keep me" {
		t.Errorf("symlink target was overwritten: %q", b)
	}
	fi, err := os.Lstat(e.stats)
	if err != nil || fi.Mode()&os.ModeSymlink != 0 || fi.Mode().Perm() != 0o600 {
		t.Errorf("stats file: mode %v err %v, want regular 0600 file", fi.Mode(), err)
	}
	p.stop(t)
}

func TestIngestor_QueuedMessagesSurviveBrokerRestartWhileOffline(t *testing.T) {
	e := newEnv(t)
	p := e.start()
	e.waitStats("session created", subscribed)
	p.stop(t)

	hexes := []string{}
	for _, v := range testutil.LoadVectors(t)[:30] {
		hexes = append(hexes, v.RawHex)
	}
	// Published while the ingestor is down: the broker queues them in the persistent session,
	// then persists them across its own restart.
	if out, err := e.publish(append([]string{"-status=false", "-observers", "2"}, hexes...)...).CombinedOutput(); err != nil {
		t.Fatalf("publish: %v %s", err, out)
	}
	e.broker.Stop()
	e.broker.Start()

	p2 := e.start()
	db := e.readDB()
	waitCount(t, db, `SELECT COUNT(*) FROM observations`, 2*30)
	p2.stop(t)
}
