package meshcore

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to every entry point and checks the
// invariants that must hold for hostile input: no panic, errors wrap a
// sentinel, successful decodes render valid JSON and agree with
// ContentHash and DecodeHex.
func FuzzDecode(f *testing.F) {
	vs, err := readVectors()
	switch {
	case err == nil:
		for _, v := range vs {
			if raw, err := hex.DecodeString(v.RawHex); err == nil {
				f.Add(raw)
			} else {
				f.Add([]byte(v.RawHex))
			}
		}
	case errors.Is(err, os.ErrNotExist) && os.Getenv("CI") != "true":
		f.Logf("shared vectors missing (%v); using built-in seeds only", err)
	default:
		f.Fatalf("load vectors: %v", err)
	}
	for _, s := range []string{"", "00", "1200", "0311223344C0", "2502AABB", "120A", benchAdvertHex, benchGrpTxtHex} {
		raw, _ := hex.DecodeString(s)
		f.Add(raw)
	}
	keys, err := NewChannelKeys(nil, []string{"#test", "#wardriving", "#bot", "#LongFast", "#chat"})
	if err != nil {
		f.Fatalf("NewChannelKeys: %v", err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecodeInvariants(t, data, keys)
		// The same bytes as text exercise the hex parser.
		if pk, err := DecodeHex(string(data), DecodeOptions{Keys: keys}); err == nil {
			if _, err := pk.MarshalJSON(); err != nil {
				t.Fatalf("MarshalJSON: %v", err)
			}
		}
		_, _ = ContentHashHex(string(data))
		_ = RawPathHops(data)
	})
}

func checkDecodeInvariants(t *testing.T, data []byte, keys *ChannelKeys) {
	pk, err := Decode(data, DecodeOptions{Keys: keys})
	hash, hashErr := ContentHash(data)
	if err != nil {
		var fe *FieldError
		if !errors.As(err, &fe) || !(errors.Is(err, ErrTruncated) || errors.Is(err, ErrInvalidPath) || errors.Is(err, ErrPayloadTooLarge)) {
			t.Fatalf("Decode error %v is not a *FieldError wrapping a sentinel", err)
		}
		return
	}
	if hashErr != nil || hash != pk.Hash {
		t.Fatalf("ContentHash = %q, %v; Decode hash %q", hash, hashErr, pk.Hash)
	}
	if !bytes.Equal(pk.Raw, data) {
		t.Fatalf("Raw = %x, want %x", pk.Raw, data)
	}
	if pk.Path.HashSize > 0 && len(pk.Path.HopBytes)%pk.Path.HashSize != 0 {
		t.Fatalf("path hop bytes %d not a multiple of hash size %d", len(pk.Path.HopBytes), pk.Path.HashSize)
	}
	full, err := pk.MarshalJSON()
	if err != nil || !json.Valid(full) {
		t.Fatalf("MarshalJSON invalid (%v): %s", err, full)
	}
	payload, err := pk.PayloadJSON()
	if err != nil || !json.Valid(payload) {
		t.Fatalf("PayloadJSON invalid (%v): %s", err, payload)
	}
	again, err := DecodeHex(hex.EncodeToString(data), DecodeOptions{Keys: keys})
	if err != nil {
		t.Fatalf("DecodeHex of the same bytes failed: %v", err)
	}
	if b, _ := again.MarshalJSON(); !bytes.Equal(b, full) {
		t.Fatalf("DecodeHex and Decode disagree:\n%s\n%s", b, full)
	}
}
