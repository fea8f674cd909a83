package meshcore

import (
	"encoding/hex"
	"strconv"
)

// Decode parses one raw packet. It returns an error (wrapping ErrTruncated,
// ErrInvalidPath or ErrPayloadTooLarge, usually as a *FieldError) only when
// the framing is unusable; payload-level problems are reported in
// Packet.PayloadError. raw is copied, never retained. Decode never panics.
func Decode(raw []byte, opts DecodeOptions) (*Packet, error) {
	return decodeOwned(append([]byte(nil), raw...), &opts)
}

// DecodeHex is Decode for hex text, as carried in MQTT messages. Spaces,
// tabs, CR and LF are ignored; either letter case is accepted. Odd-length or
// non-hex input returns an error wrapping ErrInvalidHex.
func DecodeHex(s string, opts DecodeOptions) (*Packet, error) {
	raw, err := parseHex(s)
	if err != nil {
		return nil, err
	}
	return decodeOwned(raw, &opts)
}

// parseHex decodes hex text after removing whitespace.
func parseHex(s string) ([]byte, error) {
	clean := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\r', '\n':
		default:
			clean = append(clean, c)
		}
	}
	if len(clean)%2 != 0 {
		return nil, fieldErr("hex", -1, ErrInvalidHex, "odd length "+strconv.Itoa(len(clean)))
	}
	n, err := hex.Decode(clean, clean)
	if err != nil {
		return nil, fieldErr("hex", -1, ErrInvalidHex, err.Error())
	}
	return clean[:n], nil
}

// frame holds the offsets of a packet's sections.
type frame struct {
	header    Header
	pathByte  PathLenByte
	pathStart int
	pathEnd   int
}

// parseFrame splits raw into header, transport codes, path and payload,
// applying the firmware validity rules (packet-format §1, §4, §10).
func parseFrame(raw []byte) (frame, error) {
	var f frame
	if len(raw) < 2 {
		return f, fieldErr("header", 0, ErrTruncated, "packet too short (need at least header + pathLength)")
	}
	f.header = ParseHeader(raw[0])
	off := 1
	if f.header.Route.HasTransportCodes() {
		if len(raw) < 5 {
			return f, fieldErr("transport codes", 1, ErrTruncated, "packet too short for transport codes")
		}
		off = 5
	}
	if off >= len(raw) {
		return f, fieldErr("path", off, ErrTruncated, "packet too short (no path byte)")
	}
	f.pathByte = PathLenByte(raw[off])
	if !f.pathByte.Valid() {
		return f, fieldErr("path", off, ErrInvalidPath, "pathByte 0x"+upperHex([]byte{raw[off]})+
			" (hash_size="+strconv.Itoa(f.pathByte.HashSize())+" hash_count="+strconv.Itoa(f.pathByte.HashCount())+
			") violates firmware validity (MAX_PATH_SIZE=64)")
	}
	f.pathStart = off + 1
	f.pathEnd = f.pathStart + f.pathByte.ByteLen()
	if f.pathEnd > len(raw) {
		return f, fieldErr("path", off, ErrTruncated, "packet path length ("+strconv.Itoa(f.pathByte.ByteLen())+
			" bytes claimed by pathByte 0x"+upperHex([]byte{raw[off]})+") exceeds buffer ("+strconv.Itoa(len(raw))+" bytes)")
	}
	if n := len(raw) - f.pathEnd; n > MaxPayload {
		return f, fieldErr("payload", f.pathEnd, ErrPayloadTooLarge, "packet payload ("+strconv.Itoa(n)+
			" bytes) exceeds firmware MAX_PACKET_PAYLOAD="+strconv.Itoa(MaxPayload))
	}
	return f, nil
}

// decodeOwned decodes raw, which the packet takes ownership of.
func decodeOwned(raw []byte, opts *DecodeOptions) (*Packet, error) {
	f, err := parseFrame(raw)
	if err != nil {
		return nil, err
	}
	pk := &Packet{Header: f.header, Raw: raw, PathBytes: raw[f.pathStart:f.pathEnd], Payload: raw[f.pathEnd:]}
	if f.header.Route.HasTransportCodes() {
		pk.Transport = &TransportCodes{
			Code1: uint16(raw[1]) | uint16(raw[2])<<8,
			Code2: uint16(raw[3]) | uint16(raw[4])<<8,
		}
	}
	pk.Path = Path{HashSize: f.pathByte.HashSize(), HashCount: f.pathByte.HashCount(), HopBytes: pk.PathBytes}
	if f.header.Route.IsDirect() && f.pathByte.HashCount() == 0 && f.header.Type != PayloadTrace {
		pk.Path.HashSize = 0 // packet-format §4 rule 3: size unknown for zero-hop direct
	}
	pk.Hash = hashParts(f.header.Type, byte(f.pathByte), pk.Payload)
	pk.decodePayload(opts)
	return pk, nil
}

func (pk *Packet) decodePayload(opts *DecodeOptions) {
	p := pk.Payload
	var perr string
	switch t := pk.Header.Type; t {
	case PayloadReq, PayloadResponse, PayloadTxtMsg, PayloadPath:
		pk.Encrypted, perr = decodeEncrypted(p)
	case PayloadAck:
		pk.Ack, perr = decodeAck(p)
	case PayloadAdvert:
		pk.Advert, perr = decodeAdvert(p, opts)
	case PayloadGrpTxt, PayloadGrpData:
		pk.Group, perr = decodeGroup(p, t, opts.Keys)
	case PayloadAnonReq:
		pk.AnonReq, perr = decodeAnonReq(p)
	case PayloadTrace:
		pk.Trace, perr = decodeTrace(p)
		if perr != "" {
			pk.Anomaly = anomalyTraceShort
		} else {
			pk.applyTrace()
		}
	case PayloadMultipart:
		pk.Multipart, perr = decodeMultipart(p)
	case PayloadControl:
		pk.Control, perr = decodeControl(p)
	}
	pk.PayloadError = perr
}
