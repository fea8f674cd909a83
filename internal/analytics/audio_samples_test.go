package analytics

import (
	"fmt"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/store"
)

// TestAudioSamples_SpreadBySize: 20 ADVERTs of sizes 1…20 bytes (listed largest first,
// ids reversed) give the hand-computed picks round(i·19/7) = 0,3,5,8,11,14,16,19, i.e.
// sizes 1,4,6,9,12,15,17,20; equal sizes pick by id; a type with 3 packets lists all 3;
// packets without raw_hex or payload type are left out; path and observer come from Best.
func TestAudioSamples_SpreadBySize(t *testing.T) {
	var rows audioRows
	for size := 20; size >= 1; size-- {
		rows = append(rows, store.Transmission{ID: int64(100 - size), Hash: fmt.Sprintf("adv%02d", size), PayloadType: ip(4),
			RawHex: strings.Repeat("ab", size), FirstSeen: "2026-01-01T10:00:00Z", Best: -1})
	}
	// Three ACKs of equal size: all listed, in id order.
	for _, id := range []int64{7, 5, 6} {
		rows = append(rows, store.Transmission{ID: id, Hash: fmt.Sprintf("ack%d", id), PayloadType: ip(3), RawHex: "0102",
			FirstSeen: "2026-01-01T09:00:00Z", Best: 1, Observations: []store.Observation{
				{ObserverID: sp("obsA"), PathJSON: sp(`["AA"]`)}, {ObserverID: sp("obsB"), PathJSON: sp(`["AA","BB"]`)}}})
	}
	rows = append(rows, store.Transmission{ID: 1, Hash: "noraw", PayloadType: ip(3)}, store.Transmission{ID: 2, Hash: "notype", RawHex: "00"})

	got := audioSamples(rows, Window{Since: "2026-01-01T09:30:00Z"})
	if len(got) != 2 {
		t.Fatalf("types %v, want ADVERT and ACK only", keysOf(got))
	}
	var sizes []int
	for _, s := range got["ADVERT"] {
		sizes = append(sizes, len(s.RawHex)/2)
	}
	if fmt.Sprint(sizes) != "[1 4 6 9 12 15 17 20]" {
		t.Errorf("ADVERT sizes %v, want [1 4 6 9 12 15 17 20]", sizes)
	}
	var acks []string
	for _, s := range got["ACK"] {
		acks = append(acks, s.Hash)
		if s.PayloadType != 3 || s.ObservationCount != 2 || *s.ObserverID != "obsB" || *s.PathJSON != `["AA","BB"]` || s.Timestamp != "2026-01-01T09:00:00Z" {
			t.Errorf("%s: %+v", s.Hash, s)
		}
	}
	if fmt.Sprint(acks) != "[ack5 ack6 ack7]" {
		t.Errorf("ACK picks %v, want [ack5 ack6 ack7] (equal sizes by id; Since ignored)", acks)
	}
	if a := got["ADVERT"][0]; a.ObservationCount != 1 || a.ObserverID != nil || a.PathJSON != nil {
		t.Errorf("packet without observations: %+v", a)
	}
}

func keysOf[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
