package encode

import (
	"testing"

	"github.com/corescope/corescope/internal/meshcore"
)

// BenchmarkAdvert measures a signed advert payload plus framing (Ed25519 signing dominates).
func BenchmarkAdvert(b *testing.B) {
	key := testKey()
	app := AppData{Role: meshcore.RoleRepeater, HasLocation: true, Lat: 37.5, Lon: -122.1, Name: "Ridge Rptr 1"}.Bytes()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p, err := Advert(key, uint32(i), app)
		if err != nil {
			b.Fatal(err)
		}
		f := Frame{Route: meshcore.RouteFlood, Type: meshcore.PayloadAdvert, Payload: p}
		if _, err := f.Bytes(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGroupText measures an encrypted, MACed channel message plus framing.
func BenchmarkGroupText(b *testing.B) {
	key := meshcore.HashtagKey("#test")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p, err := GroupText(key, uint32(i), "Alice T-Deck 12", "heading up to the summit")
		if err != nil {
			b.Fatal(err)
		}
		f := Frame{Route: meshcore.RouteFlood, Type: meshcore.PayloadGrpTxt, HashSize: 1, Path: []byte{1, 2, 3}, Payload: p}
		if _, err := f.Bytes(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFrame measures framing a repeated packet (what every flood hop costs).
func BenchmarkFrame(b *testing.B) {
	f := Frame{Route: meshcore.RouteFlood, Type: meshcore.PayloadTxtMsg, HashSize: 2, Path: make([]byte, 10), Payload: make([]byte, 40)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Bytes(); err != nil {
			b.Fatal(err)
		}
	}
}
