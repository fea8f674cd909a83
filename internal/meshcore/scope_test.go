package meshcore

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"testing"
)

func TestScopeCode_MatchesDefinition(t *testing.T) {
	payload := []byte("hello mesh")
	sum := sha256.Sum256([]byte("#europe"))
	m := hmac.New(sha256.New, sum[:16])
	m.Write(append([]byte{byte(PayloadGrpTxt)}, payload...))
	want := binary.LittleEndian.Uint16(m.Sum(nil))
	if want == 0 || want == 0xFFFF {
		t.Skip("example hit a reserved value") // deterministic; documents the assumption
	}
	for _, region := range []string{"#europe", "europe"} {
		if got := ScopeCode(region, PayloadGrpTxt, payload); got != want {
			t.Errorf("ScopeCode(%q) = %#04x, want %#04x", region, got, want)
		}
	}
}

func TestScopeCode_ReservedValues(t *testing.T) {
	// Search a few payloads for codes whose raw HMAC prefix is reserved, and
	// check they are remapped; every code must avoid 0x0000 and 0xFFFF.
	key := RegionKey("#r")
	for i := 0; i < 200000; i++ {
		p := binary.LittleEndian.AppendUint32(nil, uint32(i))
		c := scopeCodeWithKey(key[:], PayloadAdvert, p)
		if c == 0 || c == 0xFFFF {
			t.Fatalf("payload %d: code %#04x is reserved", i, c)
		}
		m := hmac.New(sha256.New, key[:])
		m.Write(append([]byte{byte(PayloadAdvert)}, p...))
		raw := binary.LittleEndian.Uint16(m.Sum(nil))
		if raw == 0 && c != 1 || raw == 0xFFFF && c != 0xFFFE {
			t.Fatalf("payload %d: raw %#04x mapped to %#04x", i, raw, c)
		}
		if raw == 0 || raw == 0xFFFF {
			return // saw a remap
		}
	}
	t.Log("no reserved raw value in the sample; remap not exercised")
}

func TestPacket_MatchScope(t *testing.T) {
	payload := []byte{0x01, 0x02, 0x03, 0x04}
	code := ScopeCode("#uk", PayloadAck, payload)
	raw := []byte{byte(PayloadAck)<<2 | byte(RouteTransportFlood), byte(code), byte(code >> 8), 0, 0, 0x00}
	raw = append(raw, payload...)
	pk, err := Decode(raw, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := pk.MatchScope([]string{"#fr", "uk"}); !ok || got != "uk" {
		t.Errorf("MatchScope = %q, %v; want uk, true", got, ok)
	}
	if _, ok := pk.MatchScope([]string{"#fr"}); ok {
		t.Errorf("MatchScope matched the wrong region")
	}
	flood, _ := Decode(append([]byte{byte(PayloadAck)<<2 | byte(RouteFlood), 0}, payload...), DecodeOptions{})
	if _, ok := flood.MatchScope([]string{"#uk"}); ok {
		t.Errorf("MatchScope matched a packet without transport codes")
	}
}
