package meshcore

import (
	"encoding/hex"
	"errors"
	"testing"
)

func TestHashtagKey_KnownValues(t *testing.T) {
	for _, name := range []string{"#test", "test"} {
		k := HashtagKey(name)
		if got := hex.EncodeToString(k[:]); got != "9cd8fcf22a47333b591d96a2b848b73f" {
			t.Errorf("HashtagKey(%q) = %s, want 9cd8fcf22a47333b591d96a2b848b73f", name, got)
		}
	}
	pub, err := parseKeyHex(PublicChannelKey)
	if err != nil {
		t.Fatal(err)
	}
	if got := ChannelHash(pub); got != 0x11 {
		t.Errorf("ChannelHash(Public) = %#x, want 0x11", got)
	}
}

func TestNewChannelKeys_Sources(t *testing.T) {
	keys, err := NewChannelKeys(map[string]string{"Ops": "000102030405060708090a0b0c0d0e0f"}, []string{"wardriving", "#bot"})
	if err != nil {
		t.Fatal(err)
	}
	if got := keys.Len(); got != 4 {
		t.Errorf("Len() = %d, want 4 (Public, Ops, #wardriving, #bot)", got)
	}
	want := []string{"#bot", "#wardriving", "Ops", "Public"}
	got := keys.Names()
	if len(got) != len(want) {
		t.Fatalf("Names() = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Names() = %q, want %q", got, want)
		}
	}
	pubs := keys.ForHash(0x11)
	if len(pubs) == 0 || pubs[len(pubs)-1].Name != PublicChannelName {
		t.Errorf("ForHash(0x11) = %v, want Public among them", pubs)
	}
	for h := 0; h < 256; h++ {
		for _, k := range keys.ForHash(byte(h)) {
			if k.Hash != byte(h) || ChannelHash(k.Key) != byte(h) {
				t.Errorf("key %s indexed under %#x, hash %#x", k.Name, h, k.Hash)
			}
		}
	}
}

func TestNewChannelKeys_ExplicitOverridesPublic(t *testing.T) {
	keys, err := NewChannelKeys(map[string]string{"public": "000102030405060708090a0b0c0d0e0f"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if keys.Len() != 1 || len(keys.ForHash(0x11)) != 0 {
		t.Errorf("explicit \"public\" key should replace the built-in one: Len %d, ForHash(0x11) %v", keys.Len(), keys.ForHash(0x11))
	}
	if got := keys.Names(); len(got) != 1 || got[0] != "Public" {
		t.Errorf("Names() = %q, want [Public]", got)
	}
}

func TestNewChannelKeys_Invalid(t *testing.T) {
	cases := []struct {
		name string
		hex  map[string]string
		tags []string
	}{
		{"short key", map[string]string{"x": "0011"}, nil},
		{"non-hex key", map[string]string{"x": "zz0102030405060708090a0b0c0d0e0f"}, nil},
		{"32-byte key", map[string]string{"x": "000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f"}, nil},
		{"empty hashtag", nil, []string{" "}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := NewChannelKeys(c.hex, c.tags); !errors.Is(err, ErrInvalidKey) {
				t.Errorf("got %v, want ErrInvalidKey", err)
			}
		})
	}
}

func TestChannelKeys_NilIsEmpty(t *testing.T) {
	var k *ChannelKeys
	if k.Len() != 0 || k.ForHash(1) != nil || k.Names() != nil {
		t.Errorf("nil *ChannelKeys should behave as empty")
	}
}
