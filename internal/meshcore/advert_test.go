package meshcore

import (
	"crypto/ed25519"
	"encoding/binary"
	"strings"
	"testing"
)

// signedAdvert builds a FLOOD advert packet signed with a fixed test key.
func signedAdvert(t *testing.T, ts uint32, appdata []byte) []byte {
	t.Helper()
	priv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	pub := priv.Public().(ed25519.PublicKey)
	msg := binary.LittleEndian.AppendUint32(append([]byte(nil), pub...), ts)
	msg = append(msg, appdata...)
	sig := ed25519.Sign(priv, msg)
	payload := append(append(append([]byte(nil), msg[:36]...), sig...), appdata...)
	return append([]byte{byte(PayloadAdvert)<<2 | byte(RouteFlood), 0x00}, payload...)
}

func TestDecode_AdvertSignature(t *testing.T) {
	raw := signedAdvert(t, 1700000000, append([]byte{0x81}, "node"...))
	pk, err := Decode(raw, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a := pk.Advert
	if !a.SignatureChecked || !a.SignatureValid || a.Name != "node" || a.Role() != RoleCompanion {
		t.Fatalf("got checked %v valid %v name %q role %s, want true true node companion",
			a.SignatureChecked, a.SignatureValid, a.Name, a.Role())
	}
	raw[2+32] ^= 0x01 // flip a timestamp bit
	if pk, _ := Decode(raw, DecodeOptions{}); pk.Advert.SignatureValid {
		t.Errorf("signature still valid after tampering")
	}
	pk, _ = Decode(raw, DecodeOptions{SkipSignatureCheck: true})
	if pk.Advert.SignatureChecked {
		t.Errorf("SkipSignatureCheck: signature was checked")
	}
	if b, _ := pk.PayloadJSON(); strings.Contains(string(b), "signatureValid") {
		t.Errorf("SkipSignatureCheck: JSON has signatureValid: %s", b)
	}
}

func TestDecode_AdvertVerifierHook(t *testing.T) {
	raw := signedAdvert(t, 1700000000, append([]byte{0x81}, "node"...))
	if !VerifyAdvert(raw[2:]) || VerifyAdvert(raw[2:50]) {
		t.Fatal("VerifyAdvert: want true for the signed payload, false for a truncated one")
	}
	calls := 0
	opts := DecodeOptions{AdvertVerifier: func(p []byte) bool { calls++; return !VerifyAdvert(p) }}
	if pk, _ := Decode(raw, opts); calls != 1 || !pk.Advert.SignatureChecked || pk.Advert.SignatureValid {
		t.Errorf("verifier hook: calls %d, verdict %v; want 1 call and its (inverted) verdict", calls, pk.Advert.SignatureValid)
	}
	opts.SkipSignatureCheck = true
	if Decode(raw, opts); calls != 1 {
		t.Error("verifier hook called although SkipSignatureCheck is set")
	}
}

func TestDecode_AdvertAppData(t *testing.T) {
	loc := binary.LittleEndian.AppendUint32(nil, uint32(int32(51500000)))
	lon := int32(-120000)
	loc = binary.LittleEndian.AppendUint32(loc, uint32(lon))
	cases := []struct {
		name    string
		appdata []byte
		check   func(t *testing.T, a *Advert)
	}{
		{"location and name", append(append([]byte{0x92}, loc...), "Rptr"...), func(t *testing.T, a *Advert) {
			if a.Location == nil || a.Location.Lat != 51.5 || a.Location.Lon != -0.12 || a.Name != "Rptr" || a.Role() != RoleRepeater {
				t.Errorf("got %+v name %q role %s", a.Location, a.Name, a.Role())
			}
		}},
		{"location flag without bytes", append([]byte{0x92}, "abc"...), func(t *testing.T, a *Advert) {
			if a.Location != nil || a.Name != "abc" {
				t.Errorf("got location %+v name %q, want none and abc", a.Location, a.Name)
			}
		}},
		{"features", append([]byte{0xE3, 0x01, 0x00, 0x02, 0x00}, "room"...), func(t *testing.T, a *Advert) {
			if a.Feat1 == nil || *a.Feat1 != 1 || a.Feat2 == nil || *a.Feat2 != 2 || a.Name != "room" {
				t.Errorf("got feat1 %v feat2 %v name %q", a.Feat1, a.Feat2, a.Name)
			}
		}},
		{"control chars and long name", append([]byte{0x81}, "a\x01b\x7fc\td"+strings.Repeat("é", 20)...), func(t *testing.T, a *Advert) {
			if !strings.HasPrefix(a.Name, "abc\td") || len(a.Name) != maxAdvertName {
				t.Errorf("got name %q (%d bytes), want abc\\td… cut to %d bytes", a.Name, len(a.Name), maxAdvertName)
			}
		}},
		{"sensor telemetry", append(append([]byte{0x84}, "s\x00"...), 0xE8, 0x0C, 0xF6, 0x08), func(t *testing.T, a *Advert) {
			if a.BatteryMV == nil || *a.BatteryMV != 3304 || a.TemperatureC == nil || *a.TemperatureC != 22.94 {
				t.Errorf("got battery %v temp %v, want 3304 22.94", a.BatteryMV, a.TemperatureC)
			}
		}},
		{"sensor telemetry without name", []byte{0x04, 0x00, 0x0C, 0xF6, 0x08}, func(t *testing.T, a *Advert) {
			// Without the name flag, no NULs are skipped: battery 0x0C00 = 3072 mV, temp raw 0x08F6.
			if a.BatteryMV == nil || *a.BatteryMV != 3072 || a.TemperatureC == nil || *a.TemperatureC != 22.94 {
				t.Errorf("got battery %v temp %v, want 3072 22.94", a.BatteryMV, a.TemperatureC)
			}
		}},
		{"empty appdata", nil, func(t *testing.T, a *Advert) {
			if a.HasFlags || a.Name != "" {
				t.Errorf("got flags %v name %q, want none", a.HasFlags, a.Name)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pk, err := Decode(signedAdvert(t, 1, c.appdata), DecodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !pk.Advert.SignatureValid {
				t.Errorf("signature invalid")
			}
			c.check(t, pk.Advert)
		})
	}
}

func TestRole_String(t *testing.T) {
	want := []string{"none", "companion", "repeater", "room", "sensor", "type-5"}
	for i, w := range want {
		if got := Role(i).String(); got != w {
			t.Errorf("Role(%d) = %q, want %q", i, got, w)
		}
	}
}
