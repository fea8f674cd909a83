package meshcore

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// PublicChannelName and PublicChannelKey identify the well-known public
// channel every MeshCore client ships with; NewChannelKeys always includes it.
const (
	PublicChannelName = "Public"
	PublicChannelKey  = "8b3387e9c5cdea6ac9e5edbaa115cd72"
)

// ChannelKey is one 128-bit group channel key.
type ChannelKey struct {
	Name string   // display name, e.g. "Public" or "#test"
	Key  [16]byte // AES-128 key; the channel secret is Key followed by 16 zero bytes
	Hash byte     // channel hash byte: SHA-256(Key)[0]
	// block and the HMAC pads are precomputed so decryption does not allocate.
	block      cipher.Block
	ipad, opad [64]byte
}

// ChannelKeys is an immutable set of channel keys indexed by channel-hash
// byte. It is safe for concurrent use.
type ChannelKeys struct {
	byHash [256][]*ChannelKey
	n      int
}

// HashtagKey derives the key of a hashtag channel: the first 16 bytes of
// SHA-256 of the name including its leading '#', which is added when missing.
func HashtagKey(name string) [16]byte {
	if !strings.HasPrefix(name, "#") {
		name = "#" + name
	}
	sum := sha256.Sum256([]byte(name))
	var k [16]byte
	copy(k[:], sum[:16])
	return k
}

// ChannelHash returns the channel hash byte of a 16-byte key.
func ChannelHash(key [16]byte) byte {
	sum := sha256.Sum256(key[:])
	return sum[0]
}

// NewChannelKeys builds the key set from configuration. hexKeys maps display
// names to 32-hex-char keys (explicit keys, highest priority); hashtags are
// channel names whose keys are derived with HashtagKey ('#' prepended when
// missing). The built-in Public key is always present. When several keys
// share a channel-hash byte they are tried in priority order: explicit keys,
// hashtag channels, then Public, ties broken by name.
func NewChannelKeys(hexKeys map[string]string, hashtags []string) (*ChannelKeys, error) {
	type entry struct {
		name string
		key  [16]byte
		prio int
	}
	byName := map[string]entry{}
	pub, _ := parseKeyHex(PublicChannelKey)
	byName[PublicChannelName] = entry{PublicChannelName, pub, 2}
	for _, h := range hashtags {
		name := strings.TrimSpace(h)
		if name == "" || name == "#" {
			return nil, fmt.Errorf("add hashtag channel %q: %w", h, ErrInvalidKey)
		}
		if !strings.HasPrefix(name, "#") {
			name = "#" + name
		}
		byName[name] = entry{name, HashtagKey(name), 1}
	}
	for name, hk := range hexKeys {
		k, err := parseKeyHex(hk)
		if err != nil {
			return nil, fmt.Errorf("add channel key %q: %w", name, err)
		}
		if strings.EqualFold(name, PublicChannelName) {
			name = PublicChannelName
		}
		byName[name] = entry{name, k, 0}
	}
	entries := make([]entry, 0, len(byName))
	for _, e := range byName {
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].prio != entries[j].prio {
			return entries[i].prio < entries[j].prio
		}
		return entries[i].name < entries[j].name
	})
	ks := &ChannelKeys{}
	for _, e := range entries {
		ck := newChannelKey(e.name, e.key)
		ks.byHash[ck.Hash] = append(ks.byHash[ck.Hash], ck)
		ks.n++
	}
	return ks, nil
}

func parseKeyHex(s string) ([16]byte, error) {
	var k [16]byte
	s = strings.TrimSpace(s)
	if len(s) != 32 {
		return k, fmt.Errorf("%w: want 32 hex chars, got %d", ErrInvalidKey, len(s))
	}
	if _, err := hex.Decode(k[:], []byte(s)); err != nil {
		return k, fmt.Errorf("%w: %v", ErrInvalidKey, err)
	}
	return k, nil
}

func newChannelKey(name string, key [16]byte) *ChannelKey {
	ck := &ChannelKey{Name: name, Key: key, Hash: ChannelHash(key)}
	ck.block, _ = aes.NewCipher(key[:]) // a 16-byte key cannot fail
	// HMAC key = 32-byte secret (key ‖ 16 zeros), zero-padded to the 64-byte block.
	for i := range ck.ipad {
		var b byte
		if i < 16 {
			b = key[i]
		}
		ck.ipad[i] = b ^ 0x36
		ck.opad[i] = b ^ 0x5c
	}
	return ck
}

// Len returns the number of keys.
func (k *ChannelKeys) Len() int {
	if k == nil {
		return 0
	}
	return k.n
}

// ForHash returns the keys whose channel-hash byte is h, in trial order.
// The returned slice must not be modified.
func (k *ChannelKeys) ForHash(h byte) []*ChannelKey {
	if k == nil {
		return nil
	}
	return k.byHash[h]
}

// Names returns every key's display name, sorted.
func (k *ChannelKeys) Names() []string {
	if k == nil {
		return nil
	}
	var out []string
	for _, l := range k.byHash {
		for _, ck := range l {
			out = append(out, ck.Name)
		}
	}
	sort.Strings(out)
	return out
}
