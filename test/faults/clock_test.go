package faults

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// TestFaults_ObserverClockJumps: an observer whose clock jumps to the far past, the far
// future, epoch 0, garbage and a naive (zone-less) time hours off. Per the spec (§1.7,
// issue #1370) every stored time is the ingestor's receive time; the naive skew is
// recorded on the observer; and the API orders the packets by receive order whatever
// the envelopes claim.
func TestFaults_ObserverClockJumps(t *testing.T) {
	s := newStack(t, "")
	s.startIngestor()
	s.startServer()
	obsID, topic := observerTopic(3)
	pub := s.publisher(topic)
	db := s.readDB()

	start := time.Now()
	naive := start.UTC().Add(-3 * time.Hour).Format("2006-01-02T15:04:05.000000")
	stamps := []string{
		"1999-01-01T00:00:00Z", "2099-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
		start.UTC().Add(10 * time.Minute).Format(time.RFC3339), // slightly in the future
		"not a time", "", "-62135596800", "9999-99-99T99:99:99Z",
		naive, // naive, three hours behind: recorded as skew
		start.UTC().Format(time.RFC3339),
	}
	var hashes []string
	for i, ts := range stamps {
		raw, h := uniquePacket(t)
		hashes = append(hashes, h)
		pub.send(t, packetMsg(raw, ts, i))
		// Receive times are stored in whole seconds: wait until this one is stored and
		// the clock has moved to the next second, so the expected order is unambiguous.
		waitFor(t, fmt.Sprintf("packet %d (timestamp %q) stored", i, ts), 60*time.Second, func() (bool, string) {
			return allStoredOnce(t, db, hashes)
		})
		time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second + 50*time.Millisecond)))
	}
	pub.close(t)
	end := time.Now()

	// Stored times are receive times, strictly increasing in publish order.
	prev := int64(0)
	for i, h := range hashes {
		var obsTS int64
		var firstSeen string
		if err := db.QueryRow(`SELECT o.timestamp, t.first_seen FROM observations o JOIN transmissions t ON t.id = o.transmission_id WHERE t.hash = ?`, h).
			Scan(&obsTS, &firstSeen); err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		if obsTS < start.Unix()-1 || obsTS > end.Unix()+1 {
			t.Errorf("packet %d (timestamp %q): observation time %s outside the receive window %s..%s",
				i, stamps[i], time.Unix(obsTS, 0).UTC(), start.UTC().Format(time.RFC3339), end.UTC().Format(time.RFC3339))
		}
		fs, err := time.Parse(time.RFC3339, firstSeen)
		if err != nil || fs.Unix() < start.Unix()-1 || fs.Unix() > end.Unix()+1 {
			t.Errorf("packet %d (timestamp %q): first_seen %q not a receive time (%v)", i, stamps[i], firstSeen, err)
		}
		if obsTS <= prev {
			t.Errorf("packet %d: observation time %d not after the previous %d", i, obsTS, prev)
		}
		prev = obsTS
	}

	// The naive clock three hours behind is recorded on the observer.
	var skew, count int64
	if err := db.QueryRow(`SELECT COALESCE(clock_skew_seconds, 0), COALESCE(clock_skew_count_24h, 0) FROM observers WHERE id = ?`, obsID).
		Scan(&skew, &count); err != nil {
		t.Fatalf("observer row: %v", err)
	}
	if math.Abs(float64(skew+3*3600)) > 120 || count < 1 {
		t.Errorf("observer clock skew %d s (count %d), want about -10800 s and count ≥ 1", skew, count)
	}

	// The API lists them newest receive first, in both feed modes.
	want := make([]string, len(hashes))
	for i, h := range hashes {
		want[len(hashes)-1-i] = h
	}
	for _, q := range []string{"limit=50", "limit=50&groupByHash=true"} {
		waitFor(t, "server lists every packet ("+q+")", 60*time.Second, func() (bool, string) {
			got, err := s.feedHashes("/api/packets?observer=" + obsID + "&" + q)
			if err != nil {
				return false, err.Error()
			}
			return strings.Join(got, ",") == strings.Join(want, ","), fmt.Sprintf("got %v\nwant %v", got, want)
		})
	}
	t.Logf("%d packets with jumping observer clocks stored at receive time in order; naive skew recorded %d s", len(hashes), skew)
}

// feedHashes returns the hashes of a /api/packets answer in order.
func (s *stack) feedHashes(path string) ([]string, error) {
	code, b, err := s.get(path)
	if err != nil || code != 200 {
		return nil, fmt.Errorf("GET %s: %d %v %.200s", path, code, err, b)
	}
	var feed struct {
		Packets []struct {
			Hash string `json:"hash"`
		} `json:"packets"`
	}
	if err := json.Unmarshal(b, &feed); err != nil {
		return nil, fmt.Errorf("decode %s: %v", path, err)
	}
	out := make([]string, len(feed.Packets))
	for i, p := range feed.Packets {
		out[i] = p.Hash
	}
	return out, nil
}
