package meshcore

import (
	"crypto/ed25519"
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Advert app-data flag bits (packet-format §6.4).
const (
	AdvertHasLocation byte = 0x10
	AdvertHasFeat1    byte = 0x20
	AdvertHasFeat2    byte = 0x40
	AdvertHasName     byte = 0x80
)

// advertHeaderLen is pubkey(32) + timestamp(4) + signature(64).
const advertHeaderLen = PubKeySize + 4 + SignatureSize

// maxAdvertName is the byte cap the reference decoder applies to names.
const maxAdvertName = 32

// Role is the node type in the low nibble of an advert's flags byte.
type Role uint8

// Advert roles.
const (
	RoleNone      Role = 0
	RoleCompanion Role = 1
	RoleRepeater  Role = 2
	RoleRoom      Role = 3
	RoleSensor    Role = 4
)

// String returns the role label: "none", "companion", "repeater", "room",
// "sensor", or "type-N" for future values.
func (r Role) String() string {
	switch r {
	case RoleNone:
		return "none"
	case RoleCompanion:
		return "companion"
	case RoleRepeater:
		return "repeater"
	case RoleRoom:
		return "room"
	case RoleSensor:
		return "sensor"
	}
	return "type-" + strconv.Itoa(int(r))
}

// Location is an advertised position in degrees.
type Location struct {
	Lat float64
	Lon float64
}

// Advert is an ADVERT payload: a node announcing its identity (§6.4).
type Advert struct {
	PubKey    [32]byte
	Timestamp uint32 // sender clock, unix seconds
	Signature [64]byte
	// SignatureChecked is false when DecodeOptions.SkipSignatureCheck was set.
	SignatureChecked bool
	// SignatureValid reports an Ed25519 signature over pubkey ‖ timestamp ‖ appdata.
	SignatureValid bool
	// AppData is everything after the signature.
	AppData []byte
	// HasFlags is false when AppData is empty; then Flags and the fields below are zero.
	HasFlags bool
	Flags    byte
	Location *Location // set when the location flag is set and 8 bytes were present
	Feat1    *uint16
	Feat2    *uint16
	Name     string // sanitised node name, at most 32 bytes; "" when absent
	// BatteryMV and TemperatureC are the reference decoder's sensor
	// telemetry trailer heuristic (sensor role only).
	BatteryMV    *int
	TemperatureC *float64
}

// Role returns the node type from the flags' low nibble.
func (a *Advert) Role() Role { return Role(a.Flags & 0x0F) }

func decodeAdvert(p []byte, opts *DecodeOptions) (*Advert, string) {
	if len(p) < advertHeaderLen {
		return nil, "too short for advert"
	}
	a := &Advert{Timestamp: binary.LittleEndian.Uint32(p[32:36]), AppData: p[advertHeaderLen:]}
	copy(a.PubKey[:], p[:32])
	copy(a.Signature[:], p[36:advertHeaderLen])
	if !opts.SkipSignatureCheck {
		a.SignatureChecked = true
		if opts.AdvertVerifier != nil {
			a.SignatureValid = opts.AdvertVerifier(p)
		} else {
			a.SignatureValid = verifyAdvert(p)
		}
	}
	if len(a.AppData) > 0 {
		a.parseAppData(a.AppData)
	}
	return a, ""
}

// VerifyAdvert reports whether an ADVERT payload (pubkey ‖ timestamp ‖ signature ‖
// appdata) carries a valid Ed25519 signature. The verdict depends on the payload bytes
// alone, so callers may cache it by payload (see DecodeOptions.AdvertVerifier).
func VerifyAdvert(payload []byte) bool {
	if len(payload) < advertHeaderLen || len(payload) > MaxPayload {
		return false
	}
	return verifyAdvert(payload)
}

// verifyAdvert checks the signature over pubkey ‖ timestamp ‖ appdata. The
// message is contiguous on the wire except for the signature in between,
// so it is assembled in a stack buffer (payload ≤ MaxPayload bytes).
func verifyAdvert(p []byte) bool {
	var buf [MaxPayload + 64]byte
	msg := append(buf[:0], p[:36]...)
	msg = append(msg, p[advertHeaderLen:]...)
	return ed25519.Verify(ed25519.PublicKey(p[:32]), msg, p[36:advertHeaderLen])
}

func (a *Advert) parseAppData(d []byte) {
	a.HasFlags = true
	a.Flags = d[0]
	off := 1
	if a.Flags&AdvertHasLocation != 0 && len(d)-off >= 8 {
		lat := int32(binary.LittleEndian.Uint32(d[off:]))
		lon := int32(binary.LittleEndian.Uint32(d[off+4:]))
		a.Location = &Location{Lat: float64(lat) / 1e6, Lon: float64(lon) / 1e6}
		off += 8
	}
	if a.Flags&AdvertHasFeat1 != 0 && len(d)-off >= 2 {
		v := binary.LittleEndian.Uint16(d[off:])
		a.Feat1 = &v
		off += 2
	}
	if a.Flags&AdvertHasFeat2 != 0 && len(d)-off >= 2 {
		v := binary.LittleEndian.Uint16(d[off:])
		a.Feat2 = &v
		off += 2
	}
	if a.Flags&AdvertHasName != 0 {
		end := off
		for end < len(d) && d[end] != 0 {
			end++
		}
		a.Name = sanitizeName(d[off:end])
		off = end
		for off < len(d) && d[off] == 0 {
			off++
		}
	}
	if a.Role() == RoleSensor && len(d)-off >= 4 {
		mv := int(binary.LittleEndian.Uint16(d[off:]))
		if mv >= 1 && mv <= 10000 {
			a.BatteryMV = &mv
		}
		raw := int16(binary.LittleEndian.Uint16(d[off+2:]))
		if raw >= -5000 && raw <= 10000 {
			t := float64(raw) / 100
			a.TemperatureC = &t
		}
	}
}

// sanitizeName decodes b as UTF-8 (each invalid byte becomes U+FFFD), drops
// control characters other than tab and newline, and cuts the result to
// maxAdvertName bytes, possibly inside a multi-byte character, as the
// reference decoder does.
func sanitizeName(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0x7F {
			continue
		}
		sb.WriteRune(r)
	}
	s := sb.String()
	if len(s) > maxAdvertName {
		s = s[:maxAdvertName]
	}
	return s
}
