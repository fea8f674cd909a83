package encode

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
)

// PeerSecret is the simulator's stand-in for the X25519 shared secret of two nodes:
// SHA-256 of both public keys in a fixed order, so both ends derive the same value.
// (The firmware uses ECDH; an analyzer cannot decrypt either, so only the envelope
// shape matters here.)
func PeerSecret(a, b []byte) [32]byte {
	h := sha256.New()
	if string(a) < string(b) {
		h.Write(a)
		h.Write(b)
	} else {
		h.Write(b)
		h.Write(a)
	}
	var s [32]byte
	copy(s[:], h.Sum(nil))
	return s
}

// Peer returns a REQ/RESPONSE/TXT_MSG/PATH payload: dest hash ‖ src hash ‖ MAC ‖
// ciphertext, with the plaintext sealed by encryptThenMAC (packet-format §5.1).
func Peer(secret [32]byte, destHash, srcHash byte, plain []byte) ([]byte, error) {
	sealed, err := encryptThenMAC(secret, plain)
	if err != nil {
		return nil, fmt.Errorf("encode peer payload: %w", err)
	}
	return append([]byte{destHash, srcHash}, sealed...), nil
}

// TextPlain returns the TXT_MSG plaintext: timestamp ‖ flags (txt_type<<2 | attempt) ‖ text.
func TextPlain(timestamp uint32, attempt byte, text string) []byte {
	out := binary.LittleEndian.AppendUint32(nil, timestamp)
	out = append(out, attempt&0x03)
	return append(out, fitUTF8(text, 160)...)
}

// AckCRC is the 4-byte ACK code the recipient of a text sends back: the first bytes of
// SHA-256(text plaintext ‖ sender public key), packet-format §6.3.
func AckCRC(textPlain, senderPub []byte) [4]byte {
	h := sha256.New()
	h.Write(textPlain)
	h.Write(senderPub)
	var c [4]byte
	copy(c[:], h.Sum(nil))
	return c
}

// Ack returns a 6-byte ACK payload: crc ‖ attempt ‖ random byte (firmware ≥ 1.16).
func Ack(crc [4]byte, attempt, random byte) []byte {
	return []byte{crc[0], crc[1], crc[2], crc[3], attempt, random}
}

// AnonReq returns an ANON_REQ payload: dest hash ‖ sender public key ‖ MAC ‖ ciphertext.
func AnonReq(secret [32]byte, destHash byte, senderPub []byte, plain []byte) ([]byte, error) {
	if len(senderPub) != 32 {
		return nil, fmt.Errorf("encode anon req: %w: sender key of %d bytes", ErrInvalid, len(senderPub))
	}
	sealed, err := encryptThenMAC(secret, plain)
	if err != nil {
		return nil, fmt.Errorf("encode anon req: %w", err)
	}
	out := append([]byte{destHash}, senderPub...)
	return append(out, sealed...), nil
}
