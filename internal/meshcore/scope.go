package meshcore

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"strings"
)

// RegionKey derives a transport-scope region key: the first 16 bytes of
// SHA-256 of the region name with a leading '#' (added when missing),
// as the firmware does for hashtag regions (packet-format §3).
func RegionKey(region string) [16]byte {
	if !strings.HasPrefix(region, "#") {
		region = "#" + region
	}
	sum := sha256.Sum256([]byte(region))
	var k [16]byte
	copy(k[:], sum[:16])
	return k
}

// ScopeCode computes transport code1 for a packet sent into region:
// the first 2 bytes of HMAC-SHA256(RegionKey(region), payload type ‖ payload)
// read as little-endian u16, with the reserved values 0x0000 and 0xFFFF
// mapped to 0x0001 and 0xFFFE.
func ScopeCode(region string, t PayloadType, payload []byte) uint16 {
	key := RegionKey(region)
	return scopeCodeWithKey(key[:], t, payload)
}

func scopeCodeWithKey(key []byte, t PayloadType, payload []byte) uint16 {
	m := hmac.New(sha256.New, key)
	m.Write([]byte{byte(t)})
	m.Write(payload)
	sum := m.Sum(nil)
	c := binary.LittleEndian.Uint16(sum)
	switch c {
	case 0x0000:
		c = 0x0001
	case 0xFFFF:
		c = 0xFFFE
	}
	return c
}

// MatchScope returns the first region in regions whose ScopeCode equals the
// packet's transport code1. It reports false for packets without transport
// codes, unscoped packets (code1 == 0) and when no region matches.
func (p *Packet) MatchScope(regions []string) (string, bool) {
	if p.Transport == nil || p.Transport.Code1 == 0 {
		return "", false
	}
	for _, r := range regions {
		if ScopeCode(r, p.Header.Type, p.Payload) == p.Transport.Code1 {
			return r, true
		}
	}
	return "", false
}
