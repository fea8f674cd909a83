package ingest

import (
	"crypto/ed25519"
	"encoding/binary"
	"testing"
)

func TestSigCache_VerdictsAndBound(t *testing.T) {
	priv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	msg := binary.LittleEndian.AppendUint32(append([]byte(nil), priv.Public().(ed25519.PublicKey)...), 1700000000)
	msg = append(msg, 0x81, 'n')
	payload := append(append(append([]byte(nil), msg[:36]...), ed25519.Sign(priv, msg)...), msg[36:]...)
	bad := append([]byte(nil), payload...)
	bad[33] ^= 1
	c := newSigCache()
	for range 2 { // second round answers from the cache
		if !c.verify(payload) || c.verify(bad) {
			t.Fatal("want valid for the signed payload and invalid for the tampered one")
		}
	}
	if len(c.m) != 2 {
		t.Fatalf("cache holds %d verdicts, want 2", len(c.m))
	}
	for i := range sigCacheMax - 2 { // fill to the bound without paying for verification
		c.m[string(binary.LittleEndian.AppendUint32(nil, uint32(i)))] = false
	}
	if !c.verify(payload) || len(c.m) != sigCacheMax {
		t.Fatalf("full cache: hit must not grow it (len %d)", len(c.m))
	}
	if c.verify(bad[:len(bad)-1]); len(c.m) != 1 {
		t.Fatalf("a miss on a full cache must clear it first: len %d, want 1", len(c.m))
	}
}
