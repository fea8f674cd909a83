package encode

import (
	"errors"
	"fmt"

	"github.com/corescope/corescope/internal/meshcore"
)

// ErrInvalid is returned when a packet cannot be framed within the firmware limits.
var ErrInvalid = errors.New("invalid packet")

// Frame is one packet before serialisation (packet-format §1).
type Frame struct {
	Route   meshcore.RouteType
	Type    meshcore.PayloadType
	Version byte // payload version (0 = v1)
	// Transport holds code1 and code2; it is written only for the transport routes.
	Transport [2]uint16
	// HashSize is the bytes per path entry (1–3); Path must be a multiple of it.
	HashSize int
	// Path is the header path: concatenated hop prefixes, or SNR bytes for TRACE.
	Path    []byte
	Payload []byte
}

// Bytes serialises the frame, checking the path and payload limits.
func (f *Frame) Bytes() ([]byte, error) {
	hs := f.HashSize
	if hs == 0 {
		hs = 1
	}
	if hs < 1 || hs > 3 {
		return nil, fmt.Errorf("encode frame: %w: hash size %d", ErrInvalid, f.HashSize)
	}
	if len(f.Path)%hs != 0 || len(f.Path) > meshcore.MaxPathSize || len(f.Path)/hs > 63 {
		return nil, fmt.Errorf("encode frame: %w: path of %d bytes with hash size %d", ErrInvalid, len(f.Path), hs)
	}
	if len(f.Payload) > meshcore.MaxPayload {
		return nil, fmt.Errorf("encode frame: %w: payload of %d bytes", ErrInvalid, len(f.Payload))
	}
	hdr := meshcore.Header{Route: f.Route, Type: f.Type, Version: f.Version & 0x03}
	out := make([]byte, 0, 6+len(f.Path)+len(f.Payload))
	out = append(out, hdr.Byte())
	if f.Route.HasTransportCodes() {
		out = append(out, byte(f.Transport[0]), byte(f.Transport[0]>>8), byte(f.Transport[1]), byte(f.Transport[1]>>8))
	}
	out = append(out, byte(hs-1)<<6|byte(len(f.Path)/hs))
	out = append(out, f.Path...)
	return append(out, f.Payload...), nil
}
