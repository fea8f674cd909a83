package encode

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/corescope/corescope/internal/meshcore"
)

// FuzzGroupText checks that any sender and text encode into a packet the decoder
// frames and MAC-verifies, and that plain text round-trips exactly.
func FuzzGroupText(f *testing.F) {
	f.Add("Alice", "hello world")
	f.Add("", "no sender")
	f.Add("Zoë T-Deck 1", "new antenna is up 🎉")
	f.Add("a:b", strings.Repeat("long ", 60))
	keys, err := meshcore.NewChannelKeys(nil, []string{"#test"})
	if err != nil {
		f.Fatal(err)
	}
	key := meshcore.HashtagKey("#test")
	f.Fuzz(func(t *testing.T, sender, text string) {
		p, err := GroupText(key, 1700000000, sender, text)
		if err != nil {
			t.Fatalf("group text: %v", err)
		}
		raw, err := (&Frame{Route: meshcore.RouteFlood, Type: meshcore.PayloadGrpTxt, Payload: p}).Bytes()
		if err != nil {
			t.Fatalf("frame: %v", err)
		}
		pk, err := meshcore.Decode(raw, meshcore.DecodeOptions{Keys: keys})
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		if pk.Group == nil || pk.Group.Status == meshcore.StatusNoKey {
			t.Fatalf("group: got %+v, want a keyed attempt", pk.Group)
		}
		if !plain(sender, 40) || !plain(text, 100) || sender == "" || text == "" {
			return
		}
		if pk.Group.Status != meshcore.StatusDecrypted || pk.Group.Sender != sender || pk.Group.Message != text {
			t.Errorf("round trip: got %s %q/%q, want %q/%q", pk.Group.Status, pk.Group.Sender, pk.Group.Message, sender, text)
		}
	})
}

// plain reports short valid UTF-8 without control characters, NUL or the characters
// that stop the decoder's sender split.
func plain(s string, n int) bool {
	if len(s) > n || !utf8.ValidString(s) || strings.ContainsAny(s, ":[]\uFFFD") || strings.TrimSpace(s) != s {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7F {
			return false
		}
	}
	return true
}
