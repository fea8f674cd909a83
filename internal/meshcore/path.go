package meshcore

// Path is the decoded route information of a packet (packet-format §4, §6.8).
type Path struct {
	// HashSize is the bytes per hop (1–3 from the header; 0 = unknown for
	// zero-hop DIRECT; 1, 2, 4 or 8 for a TRACE route).
	HashSize int
	// HashCount is the hop count as encoded (for TRACE routes, the number of
	// whole route entries).
	HashCount int
	// HopBytes are the hops concatenated; len(HopBytes) is a multiple of HashSize.
	HopBytes []byte
	// TraceRoute is true when the path was replaced by a TRACE payload route;
	// then HopsCompleted is meaningful.
	TraceRoute bool
	// HopsCompleted is the header hop count of a TRACE route (hops already traversed).
	HopsCompleted int
}

// Len returns the number of whole hops.
func (p Path) Len() int {
	if p.HashSize <= 0 {
		return 0
	}
	return len(p.HopBytes) / p.HashSize
}

// Hop returns the i-th hop prefix; it panics if i is out of range like a slice index.
func (p Path) Hop(i int) []byte {
	return p.HopBytes[i*p.HashSize : (i+1)*p.HashSize]
}

// Hops returns the hops as UPPERCASE hex strings (never nil).
func (p Path) Hops() []string {
	n := p.Len()
	out := make([]string, n)
	for i := 0; i < n; i++ {
		out[i] = upperHex(p.Hop(i))
	}
	return out
}

// PathLenByte describes a path-length byte: bits 0–5 the hop count, bits 6–7
// the hash size minus one.
type PathLenByte byte

// HashSize returns the bytes per hop (1–4; 4 is reserved and invalid).
func (b PathLenByte) HashSize() int { return int(b>>6) + 1 }

// HashCount returns the encoded hop count (0–63).
func (b PathLenByte) HashCount() int { return int(b & 0x3F) }

// ByteLen returns the number of path bytes the byte claims.
func (b PathLenByte) ByteLen() int { return b.HashSize() * b.HashCount() }

// Valid reports whether the firmware accepts the byte: hash size not 4 and
// at most MaxPathSize path bytes.
func (b PathLenByte) Valid() bool { return b.HashSize() != 4 && b.ByteLen() <= MaxPathSize }

func upperHex(b []byte) string {
	const digits = "0123456789ABCDEF"
	out := make([]byte, len(b)*2)
	for i, c := range b {
		out[i*2] = digits[c>>4]
		out[i*2+1] = digits[c&0x0F]
	}
	return string(out)
}

// RawPathHops returns the header path hops of raw as UPPERCASE hex, the way
// observation paths are derived from an observer's raw packet
// (packet-format §8): transport codes skipped, no validity check, hops cut
// at the end of the buffer. TRACE packets yield their SNR bytes. It returns
// an empty (non-nil) slice when there is no path.
func RawPathHops(raw []byte) []string {
	if len(raw) < 2 {
		return []string{}
	}
	off := 1
	if ParseHeader(raw[0]).Route.HasTransportCodes() {
		off = 5
	}
	if off >= len(raw) {
		return []string{}
	}
	pb := PathLenByte(raw[off])
	size, rest := pb.HashSize(), raw[off+1:]
	n := min(pb.HashCount(), len(rest)/size)
	out := make([]string, n)
	for i := range out {
		out[i] = upperHex(rest[i*size : (i+1)*size])
	}
	return out
}
