package store

import (
	"encoding/binary"
	"slices"
	"unsafe"
)

// byteArena keeps per-row strings that rarely repeat (an observation's path_json)
// back to back in one growing byte slice, addressed by absolute offset: a string costs
// its bytes plus a length prefix — no string header, no intern-map entry, nothing for
// the GC to scan. Rows are appended in application order and evicted from the front,
// so eviction drops a prefix. Bytes once written are never modified, which is what
// lets str hand out strings that share them.
type byteArena struct {
	buf  []byte
	base int64 // absolute offset of buf[0]
}

// add appends s and returns its offset.
func (a *byteArena) add(s string) int64 {
	off := a.base + int64(len(a.buf))
	a.buf = binary.AppendUvarint(a.buf, uint64(len(s)))
	a.buf = append(a.buf, s...)
	return off
}

// str returns the string stored by add at off without copying ("" when off was dropped).
func (a *byteArena) str(off int64) string {
	if off < a.base || off >= a.base+int64(len(a.buf)) {
		return ""
	}
	b := a.buf[off-a.base:]
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n || n == 0 {
		return ""
	}
	return unsafe.String(&b[k], int(n))
}

// end is the offset the next add will return.
func (a *byteArena) end() int64 { return a.base + int64(len(a.buf)) }

// dropBefore discards the bytes below off into a fresh array, so the old one can be
// collected once no handed-out string points into it.
func (a *byteArena) dropBefore(off int64) {
	if off <= a.base {
		return
	}
	off = min(off, a.end())
	a.buf = slices.Clone(a.buf[off-a.base:])
	a.base = off
}

// Observation text entries: a flags byte, then the path_json (length-prefixed) and
// the raw_hex. An observation's raw differs from its transmission's raw (the first
// reception) only in the path bytes, so the raw is stored as the lengths of the prefix
// and suffix it shares with the transmission's raw plus the differing middle — a few
// bytes instead of the whole hex — or verbatim when it shares little.
const (
	hasPathText byte = 1 << iota
	hasRawText
	hasRawDiff
)

// addObsText stores an observation's path_json and raw_hex (either may be absent)
// as one entry and returns its offset, -1 when both are absent. txRaw is the raw of
// the observation's transmission.
func (a *byteArena) addObsText(path, raw string, hasPath, hasRaw bool, txRaw string) int64 {
	if !hasPath && !hasRaw {
		return -1
	}
	off := a.end()
	var flags byte
	p, q := 0, 0
	if hasPath {
		flags |= hasPathText
	}
	if hasRaw {
		n := min(len(raw), len(txRaw))
		for p < n && raw[p] == txRaw[p] {
			p++
		}
		for q < n-p && raw[len(raw)-1-q] == txRaw[len(txRaw)-1-q] {
			q++
		}
		if p+q >= len(raw)/2 {
			flags |= hasRawDiff
		} else {
			flags |= hasRawText
		}
	}
	a.buf = append(a.buf, flags)
	if hasPath {
		a.add(path)
	}
	switch {
	case flags&hasRawDiff != 0:
		a.buf = binary.AppendUvarint(a.buf, uint64(p))
		a.buf = binary.AppendUvarint(a.buf, uint64(q))
		a.add(raw[p : len(raw)-q])
	case flags&hasRawText != 0:
		a.add(raw)
	}
	return off
}

// obsPath returns the path_json of the entry at off (ok false when absent).
func (a *byteArena) obsPath(off int64) (string, bool) {
	if off < a.base || off >= a.end() || a.buf[off-a.base]&hasPathText == 0 {
		return "", false
	}
	return a.str(off + 1), true
}

// obsRaw returns the raw_hex of the entry at off (ok false when absent), rebuilt
// against txRaw when stored as a difference.
func (a *byteArena) obsRaw(off int64, txRaw string) (string, bool) {
	if off < a.base || off >= a.end() {
		return "", false
	}
	flags := a.buf[off-a.base]
	next := off + 1
	if flags&hasPathText != 0 {
		n, k := binary.Uvarint(a.buf[next-a.base:])
		next += int64(k) + int64(n)
	}
	switch {
	case flags&hasRawText != 0:
		return a.str(next), true
	case flags&hasRawDiff != 0:
		b := a.buf[next-a.base:]
		p, k1 := binary.Uvarint(b)
		q, k2 := binary.Uvarint(b[k1:])
		mid := a.str(next + int64(k1+k2))
		if int(p)+int(q) > len(txRaw) {
			return "", false // cannot happen for a transmission's own observations
		}
		return txRaw[:p] + mid + txRaw[len(txRaw)-int(q):], true
	}
	return "", false
}

// pathStr is an observation's path_json ("" when NULL); the caller holds mu.
func (s *Store) pathStr(o *obsRec) string {
	p, _ := s.obsText.obsPath(o.textOff)
	return p
}
