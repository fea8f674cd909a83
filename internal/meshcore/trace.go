package meshcore

import "encoding/binary"

// Trace is a TRACE payload (packet-format §6.8). The header path of a TRACE
// carries one SNR byte per completed hop instead of hop prefixes.
type Trace struct {
	Tag      uint32
	AuthCode uint32
	Flags    byte // bits 0–1: route entry size is 1 << (Flags & 3) bytes
	// Route is the intended route (hop prefixes) after the flags byte.
	Route []byte
	// SNRs are the header path bytes as dB (int8 / 4), one per completed
	// hop; nil when there is no route or the header hash size is not 1.
	SNRs []float64
}

// EntrySize returns the bytes per route entry (1, 2, 4 or 8).
func (t *Trace) EntrySize() int { return 1 << (t.Flags & 0x03) }

const (
	anomalyTraceShort = "TRACE payload decode failed: too short"
	anomalyTraceFlood = "TRACE packet with non-DIRECT routing (expected DIRECT or TRANSPORT_DIRECT)"
)

func decodeTrace(p []byte) (*Trace, string) {
	if len(p) < 9 {
		return nil, errTooShort
	}
	return &Trace{
		Tag:      binary.LittleEndian.Uint32(p),
		AuthCode: binary.LittleEndian.Uint32(p[4:]),
		Flags:    p[8],
		Route:    p[9:],
	}, ""
}

// applyTrace performs the reference decoder's TRACE post-processing: with a
// non-empty route, SNRs come from the header path and the reported path
// becomes the payload route.
func (pk *Packet) applyTrace() {
	t := pk.Trace
	if len(t.Route) == 0 {
		return
	}
	if pk.Header.Route.IsFlood() {
		pk.Anomaly = anomalyTraceFlood
	}
	if pk.Path.HashSize == 1 && len(pk.PathBytes) > 0 {
		t.SNRs = make([]float64, len(pk.PathBytes))
		for i, b := range pk.PathBytes {
			t.SNRs[i] = float64(int8(b)) / 4
		}
	}
	size := t.EntrySize()
	n := len(t.Route) / size
	pk.Path = Path{
		HashSize:      size,
		HashCount:     n,
		HopBytes:      t.Route[:n*size],
		TraceRoute:    true,
		HopsCompleted: pk.Path.HashCount,
	}
}
