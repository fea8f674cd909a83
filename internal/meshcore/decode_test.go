package meshcore

import (
	"errors"
	"strings"
	"testing"
)

func TestDecode_FramingErrors(t *testing.T) {
	cases := []struct {
		name, hex string
		sentinel  error
		field     string
	}{
		{"empty", "", ErrTruncated, "header"},
		{"one byte", "11", ErrTruncated, "header"},
		{"transport without codes", "1400", ErrTruncated, "transport codes"},
		{"transport without path byte", "1411223344", ErrTruncated, "path"},
		{"reserved hash size", "11C0AA", ErrInvalidPath, "path"},
		{"path over 64 bytes", "1165" + strings.Repeat("AA", 80), ErrInvalidPath, "path"},
		{"path past buffer", "120AAAAA", ErrTruncated, "path"},
		{"payload over 184", "1200" + strings.Repeat("AA", 185), ErrPayloadTooLarge, "payload"},
		{"odd hex", "120", ErrInvalidHex, "hex"},
		{"non hex", "12ZZ", ErrInvalidHex, "hex"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pk, err := DecodeHex(c.hex, DecodeOptions{})
			if err == nil {
				t.Fatalf("DecodeHex(%q) = %+v, want error", c.hex, pk)
			}
			if !errors.Is(err, c.sentinel) {
				t.Errorf("error %v: want errors.Is %v", err, c.sentinel)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != c.field {
				t.Errorf("error %v: want *FieldError for field %q", err, c.field)
			}
		})
	}
}

func TestDecode_EmptyPayloads(t *testing.T) {
	cases := map[string]string{
		"3E00": `{"type":"RAW_CUSTOM","rawLength":0}`,
		"3600": `{"type":"UNKNOWN"}`,
		"1200": `{"type":"ADVERT","error":"too short for advert"}`,
		"2E00": `{"type":"CONTROL","error":"too short"}`,
		"2A00": `{"type":"MULTIPART","error":"too short"}`,
	}
	for in, want := range cases {
		pk, err := DecodeHex(in, DecodeOptions{})
		if err != nil {
			t.Fatalf("DecodeHex(%s): %v", in, err)
		}
		if got, _ := pk.PayloadJSON(); string(got) != want {
			t.Errorf("DecodeHex(%s) payload = %s, want %s", in, got, want)
		}
	}
}

func TestDecode_PayloadAtLimit(t *testing.T) {
	pk, err := DecodeHex("3E00"+strings.Repeat("AB", MaxPayload), DecodeOptions{})
	if err != nil {
		t.Fatalf("184-byte payload: %v", err)
	}
	if len(pk.Payload) != MaxPayload {
		t.Errorf("payload length: got %d, want %d", len(pk.Payload), MaxPayload)
	}
}

func TestDecode_DoesNotRetainInput(t *testing.T) {
	raw := mustHex(t, "0D00AABBCCDD")
	pk, err := Decode(raw, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	raw[2] = 0
	if pk.Ack.CRC != 0xDDCCBBAA || pk.Raw[2] != 0xAA {
		t.Errorf("packet changed after caller reused its buffer: crc %#x raw %x", pk.Ack.CRC, pk.Raw)
	}
}

func TestDecodeHex_IgnoresWhitespaceAndCase(t *testing.T) {
	a, err := DecodeHex("0d 00\naa\r\nbb\tCC dd", DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := DecodeHex("0D00AABBCCDD", DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash != b.Hash || a.Ack.CRC != b.Ack.CRC {
		t.Errorf("got hash %s crc %#x, want %s %#x", a.Hash, a.Ack.CRC, b.Hash, b.Ack.CRC)
	}
}

func TestDecode_TransportAndPath(t *testing.T) {
	// TRANSPORT_DIRECT REQ, code1 0x1234 (wire 34 12), two 2-byte hops.
	pk, err := DecodeHex("0334120000"+"42"+"A1B2C3D4"+"0102AABB00", DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if pk.Transport == nil || pk.Transport.Code1 != 0x1234 || pk.Transport.Code2 != 0 || !pk.Transport.Scoped() {
		t.Errorf("transport: got %+v, want code1 0x1234", pk.Transport)
	}
	if got := pk.Path.Hops(); len(got) != 2 || got[0] != "A1B2" || got[1] != "C3D4" || pk.Path.HashSize != 2 {
		t.Errorf("hops: got %q size %d, want [A1B2 C3D4] size 2", got, pk.Path.HashSize)
	}
	if pk.Encrypted == nil || pk.Encrypted.DestHash != 0x01 || pk.Encrypted.SrcHash != 0x02 {
		t.Errorf("encrypted: got %+v", pk.Encrypted)
	}
	b, _ := pk.MarshalJSON()
	if !strings.Contains(string(b), `"transportCodes":{"code1":"3412","code2":"0000"}`) {
		t.Errorf("transport codes JSON not in wire order: %s", b)
	}
}

func TestFieldError_Unwrap(t *testing.T) {
	err := error(&FieldError{Field: "path", Offset: 1, Detail: "x", Err: ErrInvalidPath})
	if !errors.Is(err, ErrInvalidPath) {
		t.Errorf("errors.Is(%v, ErrInvalidPath) = false", err)
	}
	if got := err.Error(); got != "decode path at offset 1: x: invalid path encoding" {
		t.Errorf("Error() = %q", got)
	}
}
