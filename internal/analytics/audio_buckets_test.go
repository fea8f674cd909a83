package analytics

import (
	"testing"
	"time"

	"github.com/corescope/corescope/internal/store"
)

// audioRows is a Source over a fixed list of transmissions that honours the window's bounds.
type audioRows []store.Transmission

func (a audioRows) Scan(w Window, fn func(t *store.Transmission) bool) {
	for i := range a {
		t := &a[i]
		if (w.Since != "" && t.FirstSeen <= w.Since) || (w.Until != "" && t.FirstSeen >= w.Until) {
			continue
		}
		if !fn(t) {
			return
		}
	}
}
func (audioRows) Nodes() ([]store.Node, error) { return nil, nil }
func (audioRows) HiddenNode(string) bool       { return false }
func (audioRows) HiddenObserver(string) bool   { return false }

// TestAudioBuckets_NotesAndEdges: best SNR and longest path of each packet, bucket edges
// half-open, the default end just after the newest packet (hand-checked figures).
func TestAudioBuckets_NotesAndEdges(t *testing.T) {
	rows := audioRows{
		{Hash: "a1", FirstSeen: "2026-01-01T10:00:00Z", PayloadType: ip(4), RawHex: "0011223344",
			Observations: []store.Observation{{SNR: fp(-3.5), PathJSON: sp(`["AA"]`)}, {SNR: fp(7.25), PathJSON: sp(`["AA","BB","CC"]`)}, {PathJSON: sp(`[]`)}}},
		{Hash: "b2", FirstSeen: "2026-01-01T10:00:59Z", PayloadType: ip(5), RawHex: "00"},
		{Hash: "c3", FirstSeen: "2026-01-01T10:01:00Z", RawHex: "0000"},
		{Hash: "d4", FirstSeen: "2026-01-01T09:59:59Z", PayloadType: ip(2)},
	}
	got, err := ComputeAudioBuckets(rows, Window{}, AudioQuery{Minutes: 2, BucketSecs: 60})
	if err != nil {
		t.Fatal(err)
	}
	// Newest 10:01:00 → end 10:01:01 rounded up to 10:02:00; two buckets from 10:00.
	if got.From != "2026-01-01T10:00:00Z" || got.To != "2026-01-01T10:02:00Z" || len(got.Timeline) != 2 || got.Total != 3 {
		t.Fatalf("window %s–%s, %d buckets, total %d", got.From, got.To, len(got.Timeline), got.Total)
	}
	if got.Timeline[0].Count != 2 || got.Timeline[1].Count != 1 {
		t.Fatalf("counts %d, %d; want 2 (10:00:00 and 10:00:59), 1 (10:01:00)", got.Timeline[0].Count, got.Timeline[1].Count)
	}
	a := got.Timeline[0].Packets[0]
	if a.Hash != "a1" || a.SNR == nil || *a.SNR != 7.25 || a.Hops != 3 || a.Size != 5 || a.TypeName != "ADVERT" {
		t.Errorf("a1 note %+v: want best SNR 7.25, 3 hops, 5 bytes, ADVERT", a)
	}
	if c := got.Timeline[1].Packets[0]; c.Type != -1 || c.TypeName != "UNK" || c.SNR != nil || c.Hops != 0 {
		t.Errorf("c3 note %+v: want unknown type, no SNR, 0 hops", c)
	}
	empty, err := ComputeAudioBuckets(audioRows{}, Window{}, AudioQuery{Minutes: 1, BucketSecs: 30, Now: time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)})
	if err != nil || empty.To != "2026-02-03T04:05:30Z" || empty.Total != 0 || len(empty.Timeline) != 2 {
		t.Errorf("empty store: %+v %v; want the window to end at now rounded up (04:05:30)", empty, err)
	}
}
