package meshcore

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// ContentHash returns the transmission content hash of a raw packet: the
// first 8 bytes of SHA-256(payload type ‖ [path_len byte, 0x00 for TRACE
// only] ‖ payload) as 16 lowercase hex chars (packet-format §7). Route,
// version, transport codes and path bytes are excluded, so every observer
// of one transmission gets the same hash.
//
// Like the reference, it does not apply the path validity rules (a reserved
// hash size still hashes); it fails with ErrTruncated only when the packet
// has no path byte or the claimed path runs past the buffer.
func ContentHash(raw []byte) (string, error) {
	if len(raw) < 2 {
		return "", fieldErr("header", 0, ErrTruncated, "packet too short (need at least header + pathLength)")
	}
	h := ParseHeader(raw[0])
	off := 1
	if h.Route.HasTransportCodes() {
		off = 5
	}
	if off >= len(raw) {
		return "", fieldErr("transport codes", 1, ErrTruncated, "no path length byte")
	}
	pb := PathLenByte(raw[off])
	end := off + 1 + pb.ByteLen()
	if end > len(raw) {
		return "", fieldErr("path", off, ErrTruncated, "path length ("+strconv.Itoa(pb.ByteLen())+
			" bytes) exceeds buffer ("+strconv.Itoa(len(raw))+" bytes)")
	}
	return hashParts(h.Type, byte(pb), raw[end:]), nil
}

// ContentHashHex is ContentHash for hex text (whitespace ignored).
func ContentHashHex(s string) (string, error) {
	raw, err := parseHex(s)
	if err != nil {
		return "", err
	}
	return ContentHash(raw)
}

// hashParts computes the content hash from already-split parts without
// heap allocation beyond the result string.
func hashParts(t PayloadType, pathByte byte, payload []byte) string {
	var buf [3 + 512]byte
	in := append(buf[:0], byte(t))
	if t == PayloadTrace {
		in = append(in, pathByte, 0) // FW hashes path_len as a uint16 LE for TRACE
	}
	in = append(in, payload...)
	sum := sha256.Sum256(in)
	var out [16]byte
	hex.Encode(out[:], sum[:8])
	return string(out[:])
}
