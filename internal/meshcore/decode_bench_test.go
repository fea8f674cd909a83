package meshcore

import (
	"encoding/hex"
	"testing"
)

// Real captures from the shared fixture (ids 2 and 16): a flood repeater
// advert with location and name, and a #wardriving channel message.
const (
	benchAdvertHex = "11427d1d1f5d300ddc9e145dbe6cb4d6c2d93c74e9f862f5e247783f64ef89a4732e68dd473c4c62c9697f70e27d27e4a0d3f001c4032a262c390f868b2c7df763b2171969f29dde33a01785f01b6e37e7a1d7ba39735cb6013ad3a7f00c76ae84623ef286f99c3ee60292ec9f3e02c688b9f852352d443420333030442052616b"
	benchGrpTxtHex = "150359d69581d1666fd2abd32988b6ad68a307882c574a852481d99c18a0f6e249544a879182f8bb38375903332082b91043a0a4b189f9bbc6d8cc4bc94ca88d8e92d0d14664e87e"
)

func mustHex(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		tb.Fatalf("decode hex: %v", err)
	}
	return b
}

// BenchmarkDecode decodes a typical advert including the Ed25519 check.
func BenchmarkDecode(b *testing.B) {
	raw := mustHex(b, benchAdvertHex)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(raw, DecodeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode_SkipSignature decodes the same advert without the signature check.
func BenchmarkDecode_SkipSignature(b *testing.B) {
	raw := mustHex(b, benchAdvertHex)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(raw, DecodeOptions{SkipSignatureCheck: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode_GrpTxt decodes and decrypts a channel message.
func BenchmarkDecode_GrpTxt(b *testing.B) {
	raw := mustHex(b, benchGrpTxtHex)
	keys, err := NewChannelKeys(nil, []string{"#wardriving", "#test", "#bot"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		pk, err := Decode(raw, DecodeOptions{Keys: keys})
		if err != nil || pk.Group.Status != StatusDecrypted {
			b.Fatalf("decode: %v", err)
		}
	}
}

// BenchmarkContentHash hashes a typical advert.
func BenchmarkContentHash(b *testing.B) {
	raw := mustHex(b, benchAdvertHex)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ContentHash(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshalJSON renders a decoded advert.
func BenchmarkMarshalJSON(b *testing.B) {
	pk, err := Decode(mustHex(b, benchAdvertHex), DecodeOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pk.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}
