package encode

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Trace returns a TRACE payload: tag ‖ auth code ‖ flags ‖ route, where every route
// entry is 1 << (flags & 3) bytes (packet-format §6.8).
func Trace(tag, auth uint32, flags byte, route []byte) ([]byte, error) {
	if es := 1 << (flags & 0x03); len(route)%es != 0 {
		return nil, fmt.Errorf("encode trace: %w: route of %d bytes with %d-byte entries", ErrInvalid, len(route), es)
	}
	out := binary.LittleEndian.AppendUint32(make([]byte, 0, 9+len(route)), tag)
	out = binary.LittleEndian.AppendUint32(out, auth)
	out = append(out, flags)
	return append(out, route...), nil
}

// SNRByte encodes a receive SNR the way repeaters append it to a TRACE path: int8(SNR×4).
func SNRByte(snr float64) byte {
	v := math.Round(snr * 4)
	return byte(int8(max(-128, min(127, v))))
}
