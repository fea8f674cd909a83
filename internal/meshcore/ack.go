package meshcore

import "encoding/binary"

// Ack is an ACK payload (packet-format §6.3).
type Ack struct {
	// CRC is the acknowledged checksum, the first 4 bytes of
	// SHA-256(plaintext, sender pubkey) read as little-endian u32.
	CRC uint32
	// Len is min(payload length, 6); Attempt is valid when Len >= 5 and
	// Random when Len >= 6.
	Len     int
	Attempt byte
	Random  byte
}

// Multipart is a MULTIPART payload (§6.7): one part of a multi-packet
// transfer; the firmware only uses it to wrap ACKs.
type Multipart struct {
	Remaining uint8       // parts still to come (high nibble of byte 0)
	InnerType PayloadType // low nibble of byte 0
	// InnerAck is set when the inner type is ACK and at least 4 ack bytes follow.
	InnerAck *Ack
	// InnerPayload is the bytes after byte 0 when InnerAck is nil.
	InnerPayload []byte
}

func decodeAck(p []byte) (*Ack, string) {
	if len(p) < 4 {
		return nil, errTooShort
	}
	return parseAck(p), ""
}

func parseAck(p []byte) *Ack {
	a := &Ack{CRC: binary.LittleEndian.Uint32(p), Len: min(len(p), 6)}
	if len(p) >= 5 {
		a.Attempt = p[4]
	}
	if len(p) >= 6 {
		a.Random = p[5]
	}
	return a
}

func decodeMultipart(p []byte) (*Multipart, string) {
	if len(p) == 0 {
		return nil, errTooShort
	}
	m := &Multipart{Remaining: p[0] >> 4, InnerType: PayloadType(p[0] & 0x0F)}
	if m.InnerType == PayloadAck && len(p) >= 5 {
		m.InnerAck = parseAck(p[1:])
	} else if len(p) > 1 {
		m.InnerPayload = p[1:]
	}
	return m, ""
}
