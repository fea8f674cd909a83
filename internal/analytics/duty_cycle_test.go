package analytics

import (
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/store"
)

// txRows is a Source over fixed transmissions (the window is the caller's concern here).
type txRows []store.Transmission

func (r txRows) Scan(_ Window, fn func(t *store.Transmission) bool) {
	for i := range r {
		if !fn(&r[i]) {
			return
		}
	}
}
func (txRows) Nodes() ([]store.Node, error) { return nil, nil }
func (txRows) HiddenNode(string) bool       { return false }
func (txRows) HiddenObserver(string) bool   { return false }

// TestComputeNodeAirtime_FullWidthHopsOnly checks that a relay counts only through a resolved
// hop equal to the node's whole key, once per transmission however many observers saw it, and
// that an originated packet counts too. 10-byte packets at SF8/62.5 kHz/CR 4/5 with a 32-symbol
// preamble: ceil((80-32+44)/32) = 3 blocks → 8+15 = 23 payload symbols, (32+4.25+23)·4.096 ms = 242.688 ms.
func TestComputeNodeAirtime_FullWidthHopsOnly(t *testing.T) {
	pk := strings.Repeat("ab", 32)
	other := strings.Repeat("cd", 32)
	raw := strings.Repeat("00", 10)
	now := time.Date(2026, 12, 1, 12, 30, 0, 0, time.UTC)
	full, short := pk, pk[:2]
	obs := func(ts string, hops ...*string) store.Observation {
		o := "OBS"
		return store.Observation{ObserverID: &o, Timestamp: ts, ResolvedPath: hops}
	}
	rows := txRows{
		// relayed, seen by two observers: counts once, at 12:05
		{RawHex: raw, FromPubkey: &other, Observations: []store.Observation{obs("2026-12-01T12:07:00Z", &full), obs("2026-12-01T12:05:00Z", &full)}},
		// a short prefix equal to the key's start: never attributed
		{RawHex: raw, FromPubkey: &other, Observations: []store.Observation{obs("2026-12-01T12:10:00Z", &short)}},
		// originated by the node, at 11:59
		{RawHex: raw, FromPubkey: &pk, Observations: []store.Observation{obs("2026-12-01T11:59:00Z")}},
	}
	got := ComputeNodeAirtime(rows, pk, DutyCycleQuery{Hours: 2, Now: now, LimitPct: 1})
	if len(got.Buckets) != 2 || got.Buckets[0].Hour != "2026-12-01T11:00:00Z" || got.LimitPct != 1 {
		t.Fatalf("buckets %+v limit %v", got.Buckets, got.LimitPct)
	}
	for i, want := range []int{1, 1} {
		b := got.Buckets[i]
		if b.Packets != want || b.AirtimeMs != 242.69 || b.DutyPct != Round2(100*242.688/3.6e6) {
			t.Errorf("bucket %s: %d packets %.3f ms %.4f %%, want %d, 242.69 ms", b.Hour, b.Packets, b.AirtimeMs, b.DutyPct, want)
		}
	}
}
