package meshcore

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"strings"
	"unicode/utf8"
)

// DecryptionStatus says whether a group payload was decrypted.
type DecryptionStatus string

// Decryption statuses as rendered in decoded JSON.
const (
	StatusNoKey            DecryptionStatus = "no_key"
	StatusDecryptionFailed DecryptionStatus = "decryption_failed"
	StatusDecrypted        DecryptionStatus = "decrypted"
)

// maxSenderPrefix is the exclusive byte-index bound for the ": " separator
// that splits "sender: message" (packet-format §5.3).
const maxSenderPrefix = 50

// GroupMessage is a GRP_TXT or GRP_DATA payload (packet-format §5.2, §6.5).
type GroupMessage struct {
	ChannelHash byte
	MAC         [2]byte
	Ciphertext  []byte
	Status      DecryptionStatus
	// Channel is the display name of the key that decrypted the payload.
	Channel string

	// GRP_TXT plaintext (Status == StatusDecrypted).
	Timestamp uint32 // sender clock, unix seconds ("sender_timestamp")
	TxtType   byte   // flags byte; 0 = plain text
	Sender    string // unauthenticated sender name, "" when the text has none
	Message   string // text after "sender: ", or the whole text

	// GRP_DATA plaintext (Status == StatusDecrypted).
	DataType   uint16
	DataLen    uint8
	Data       []byte
	InnerError string // "inner too short" or "inner data_len exceeds buffer"
}

// Text returns the message as the reference decoder renders it:
// "sender: message" when both are present, else the message.
func (g *GroupMessage) Text() string {
	if g.Sender != "" && g.Message != "" {
		return g.Sender + ": " + g.Message
	}
	return g.Message
}

func decodeGroup(p []byte, t PayloadType, keys *ChannelKeys) (*GroupMessage, string) {
	if len(p) < 3 {
		return nil, errTooShort
	}
	g := &GroupMessage{ChannelHash: p[0], MAC: [2]byte{p[1], p[2]}, Ciphertext: p[3:], Status: StatusNoKey}
	if keys.Len() == 0 || len(g.Ciphertext) < 5 {
		return g, ""
	}
	g.Status = StatusDecryptionFailed
	for _, k := range keys.ForHash(g.ChannelHash) {
		if g.tryKey(k, t) {
			g.Status = StatusDecrypted
			g.Channel = k.Name
			break
		}
	}
	return g, ""
}

// tryKey checks the MAC, decrypts and parses with k; it fills g and reports
// success only when the plaintext is plausible.
func (g *GroupMessage) tryKey(k *ChannelKey, t PayloadType) bool {
	ct := g.Ciphertext
	if !k.macOK(g.MAC, ct) || len(ct)%16 != 0 {
		return false
	}
	var buf [MaxPayload]byte
	pt := buf[:0]
	if len(ct) > len(buf) {
		pt = make([]byte, 0, len(ct))
	}
	pt = pt[:len(ct)]
	for i := 0; i < len(ct); i += 16 {
		k.block.Decrypt(pt[i:i+16], ct[i:i+16])
	}
	if t == PayloadGrpData {
		g.parseData(pt)
		return true
	}
	return g.parseText(pt)
}

// macOK computes HMAC-SHA256(secret, ct)[:2] with precomputed pads and
// compares it with mac in constant time.
func (k *ChannelKey) macOK(mac [2]byte, ct []byte) bool {
	var inner [64 + MaxPayload]byte
	in := append(inner[:0], k.ipad[:]...)
	in = append(in, ct...)
	ih := sha256.Sum256(in)
	var outer [64 + sha256.Size]byte
	copy(outer[:], k.opad[:])
	copy(outer[64:], ih[:])
	oh := sha256.Sum256(outer[:])
	return subtle.ConstantTimeCompare(oh[:2], mac[:]) == 1
}

func (g *GroupMessage) parseText(pt []byte) bool {
	if len(pt) < 5 {
		return false
	}
	body := pt[5:]
	for i, c := range body {
		if c == 0 {
			body = body[:i]
			break
		}
	}
	if !utf8.Valid(body) || nonPrintables(body) > 2 {
		return false
	}
	text := string(body)
	g.Timestamp = binary.LittleEndian.Uint32(pt)
	g.TxtType = pt[4]
	g.Sender, g.Message = "", text
	if i := strings.Index(text, ": "); i > 0 && i < maxSenderPrefix && !strings.ContainsAny(text[:i], ":[]") {
		g.Sender, g.Message = text[:i], text[i+2:]
	}
	return true
}

// nonPrintables counts control characters other than newline and tab, plus
// U+FFFD, in valid UTF-8 text.
func nonPrintables(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if (r < 0x20 && r != '\n' && r != '\t') || r == utf8.RuneError {
			n++
		}
	}
	return n
}

func (g *GroupMessage) parseData(pt []byte) {
	if len(pt) < 3 {
		g.InnerError = "inner too short"
		return
	}
	g.DataType = binary.LittleEndian.Uint16(pt)
	g.DataLen = pt[2]
	if 3+int(g.DataLen) > len(pt) {
		g.InnerError = "inner data_len exceeds buffer"
		return
	}
	g.Data = append([]byte(nil), pt[3:3+int(g.DataLen)]...)
}
