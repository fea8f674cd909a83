package meshcore

import (
	"crypto/aes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"strings"
	"testing"
)

// sealGroup builds a group payload the way the firmware does (independent
// of the decoder's precomputed pads): AES-128-ECB over the zero-padded
// plaintext, then HMAC-SHA256 with key ‖ 16 zero bytes, truncated to 2.
func sealGroup(t *testing.T, key [16]byte, plain []byte) []byte {
	t.Helper()
	block, err := aes.NewCipher(key[:])
	if err != nil {
		t.Fatal(err)
	}
	padded := make([]byte, (len(plain)+15)/16*16)
	copy(padded, plain)
	ct := make([]byte, len(padded))
	for i := 0; i < len(ct); i += 16 {
		block.Encrypt(ct[i:i+16], padded[i:i+16])
	}
	secret := append(key[:], make([]byte, 16)...)
	m := hmac.New(sha256.New, secret)
	m.Write(ct)
	mac := m.Sum(nil)
	return append([]byte{ChannelHash(key), mac[0], mac[1]}, ct...)
}

func textPlain(ts uint32, text string) []byte {
	p := binary.LittleEndian.AppendUint32(nil, ts)
	return append(append(p, 0), text...)
}

func groupPacket(pt PayloadType, payload []byte) []byte {
	return append([]byte{byte(pt)<<2 | byte(RouteFlood), 0x00}, payload...)
}

func TestDecode_GroupText(t *testing.T) {
	keys, err := NewChannelKeys(nil, []string{"#ops"})
	if err != nil {
		t.Fatal(err)
	}
	key := HashtagKey("#ops")
	cases := []struct {
		name, text      string
		sender, message string
		status          DecryptionStatus
	}{
		{"sender split", "alice: hi there", "alice", "hi there", StatusDecrypted},
		{"no separator", "just text", "", "just text", StatusDecrypted},
		{"bracket in prefix", "[bot] x: y", "", "[bot] x: y", StatusDecrypted},
		{"prefix too long", strings.Repeat("n", 50) + ": m", "", strings.Repeat("n", 50) + ": m", StatusDecrypted},
		{"exactly one block", "bob: 0123456789a", "bob", "0123456789a", StatusDecrypted},
		{"control garbage", "a\x01\x02\x03b", "", "", StatusDecryptionFailed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw := groupPacket(PayloadGrpTxt, sealGroup(t, key, textPlain(1700000000, c.text)))
			pk, err := Decode(raw, DecodeOptions{Keys: keys})
			if err != nil {
				t.Fatal(err)
			}
			g := pk.Group
			if g.Status != c.status {
				t.Fatalf("status: got %s, want %s", g.Status, c.status)
			}
			if c.status != StatusDecrypted {
				return
			}
			if g.Channel != "#ops" || g.Sender != c.sender || g.Message != c.message || g.Timestamp != 1700000000 {
				t.Errorf("got channel %q sender %q message %q ts %d, want #ops %q %q 1700000000",
					g.Channel, g.Sender, g.Message, g.Timestamp, c.sender, c.message)
			}
		})
	}
}

func TestDecode_GroupStatuses(t *testing.T) {
	keys, err := NewChannelKeys(nil, []string{"#ops"})
	if err != nil {
		t.Fatal(err)
	}
	sealed := sealGroup(t, HashtagKey("#ops"), textPlain(1, "a: b"))
	t.Run("no keys", func(t *testing.T) {
		pk, _ := Decode(groupPacket(PayloadGrpTxt, sealed), DecodeOptions{})
		if pk.Group.Status != StatusNoKey {
			t.Errorf("got %s, want no_key", pk.Group.Status)
		}
	})
	t.Run("bad mac", func(t *testing.T) {
		bad := append([]byte(nil), sealed...)
		bad[1] ^= 0xFF
		pk, _ := Decode(groupPacket(PayloadGrpTxt, bad), DecodeOptions{Keys: keys})
		if pk.Group.Status != StatusDecryptionFailed {
			t.Errorf("got %s, want decryption_failed", pk.Group.Status)
		}
	})
	t.Run("hash byte mismatch is not tried", func(t *testing.T) {
		other := append([]byte(nil), sealed...)
		other[0] ^= 0x01
		pk, _ := Decode(groupPacket(PayloadGrpTxt, other), DecodeOptions{Keys: keys})
		if pk.Group.Status != StatusDecryptionFailed {
			t.Errorf("got %s, want decryption_failed", pk.Group.Status)
		}
	})
}

func TestDecode_GroupData(t *testing.T) {
	keys, err := NewChannelKeys(nil, []string{"#ops"})
	if err != nil {
		t.Fatal(err)
	}
	key := HashtagKey("#ops")
	cases := []struct {
		name  string
		plain []byte
		data  string
		inner string
	}{
		{"ok", []byte{0x34, 0x12, 3, 'a', 'b', 'c'}, "abc", ""},
		{"data_len overrun", []byte{0x34, 0x12, 200}, "", "inner data_len exceeds buffer"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pk, err := Decode(groupPacket(PayloadGrpData, sealGroup(t, key, c.plain)), DecodeOptions{Keys: keys})
			if err != nil {
				t.Fatal(err)
			}
			g := pk.Group
			if g.Status != StatusDecrypted || g.DataType != 0x1234 || string(g.Data) != c.data || g.InnerError != c.inner {
				t.Errorf("got status %s type %#x data %q inner %q, want decrypted 0x1234 %q %q",
					g.Status, g.DataType, g.Data, g.InnerError, c.data, c.inner)
			}
		})
	}
}
