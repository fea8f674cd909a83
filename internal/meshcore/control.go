package meshcore

import "encoding/binary"

// ControlSubtype is the high nibble of a CONTROL payload's flags byte.
type ControlSubtype uint8

// Control sub-types (packet-format §6.9).
const (
	ControlDiscoverReq  ControlSubtype = 0x8
	ControlDiscoverResp ControlSubtype = 0x9
)

// String returns "DISCOVER_REQ", "DISCOVER_RESP" or "UNKNOWN".
func (s ControlSubtype) String() string {
	switch s {
	case ControlDiscoverReq:
		return "DISCOVER_REQ"
	case ControlDiscoverResp:
		return "DISCOVER_RESP"
	}
	return "UNKNOWN"
}

// Control is a CONTROL payload: node discovery requests and responses.
// Optional fields are present according to HasTag, HasSince and PubKey.
type Control struct {
	Flags   byte
	Length  int // payload length
	Subtype ControlSubtype
	// DISCOVER_REQ: type filter bitmask, tag, optional "since" timestamp.
	Filter   byte
	HasTag   bool // Tag (and Filter for requests, SNR for responses) were present
	Tag      uint32
	HasSince bool
	Since    uint32
	// DISCOVER_RESP: node type (low nibble of flags), raw SNR (SNR×4), pubkey.
	NodeType byte
	SNR      int8
	PubKey   []byte // 32 bytes, 8 for prefix-only responses, nil when absent
}

// ZeroHop reports flag bit 7, which the firmware requires for processing.
func (c *Control) ZeroHop() bool { return c.Flags&0x80 != 0 }

func decodeControl(p []byte) (*Control, string) {
	if len(p) == 0 {
		return nil, errTooShort
	}
	c := &Control{Flags: p[0], Length: len(p), Subtype: ControlSubtype(p[0] >> 4)}
	switch c.Subtype {
	case ControlDiscoverReq:
		if len(p) >= 6 {
			c.HasTag, c.Filter, c.Tag = true, p[1], binary.LittleEndian.Uint32(p[2:])
		}
		if len(p) >= 10 {
			c.HasSince, c.Since = true, binary.LittleEndian.Uint32(p[6:])
		}
	case ControlDiscoverResp:
		c.NodeType = p[0] & 0x0F
		if len(p) >= 6 {
			c.HasTag, c.SNR, c.Tag = true, int8(p[1]), binary.LittleEndian.Uint32(p[2:])
		}
		switch rest := len(p) - 6; {
		case rest >= 32:
			c.PubKey = p[6:38]
		case rest >= 8:
			c.PubKey = p[6:14]
		}
	}
	return c, ""
}
