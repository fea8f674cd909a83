package meshcore

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// jsonObj appends one JSON object's members to a byte slice, keeping the
// member order fixed (the reference decoder's struct order, packet-format §9).
type jsonObj struct {
	b     []byte
	count int
}

func (o *jsonObj) key(k string) {
	if o.count > 0 {
		o.b = append(o.b, ',')
	}
	o.count++
	o.b = appendJSONString(o.b, k)
	o.b = append(o.b, ':')
}

func (o *jsonObj) str(k, v string) {
	o.key(k)
	o.b = appendJSONString(o.b, v)
}

// strNonEmpty writes k only when v is non-empty (Go "omitempty").
func (o *jsonObj) strNonEmpty(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

func (o *jsonObj) hexLower(k string, v []byte) {
	o.key(k)
	o.b = append(o.b, '"')
	o.b = appendHex(o.b, v, false)
	o.b = append(o.b, '"')
}

// hexLowerNonEmpty writes k only when v is non-empty.
func (o *jsonObj) hexLowerNonEmpty(k string, v []byte) {
	if len(v) > 0 {
		o.hexLower(k, v)
	}
}

func (o *jsonObj) hexUpper(k string, v []byte) {
	o.key(k)
	o.b = append(o.b, '"')
	o.b = appendHex(o.b, v, true)
	o.b = append(o.b, '"')
}

func (o *jsonObj) int(k string, v int64) {
	o.key(k)
	o.b = strconv.AppendInt(o.b, v, 10)
}

func (o *jsonObj) uint(k string, v uint64) {
	o.key(k)
	o.b = strconv.AppendUint(o.b, v, 10)
}

func (o *jsonObj) bool(k string, v bool) {
	o.key(k)
	o.b = strconv.AppendBool(o.b, v)
}

func (o *jsonObj) float(k string, v float64) {
	o.key(k)
	o.b = appendJSONFloat(o.b, v)
}

func (o *jsonObj) null(k string) {
	o.key(k)
	o.b = append(o.b, "null"...)
}

// object writes a nested object under k, filled by fill.
func (o *jsonObj) object(k string, fill func(*jsonObj)) {
	o.key(k)
	c := jsonObj{b: append(o.b, '{')}
	fill(&c)
	o.b = append(c.b, '}')
}

func appendHex(b, v []byte, upper bool) []byte {
	digits := "0123456789abcdef"
	if upper {
		digits = "0123456789ABCDEF"
	}
	for _, c := range v {
		b = append(b, digits[c>>4], digits[c&0x0F])
	}
	return b
}

// appendJSONFloat formats like encoding/json: shortest representation,
// exponent form only for very small or very large magnitudes.
func appendJSONFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// Turn e-09 into e-9, as encoding/json does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendJSONString quotes s like encoding/json with HTML escaping: <, > and &
// become \u003c etc., invalid UTF-8 bytes become \ufffd, U+2028/9 are escaped.
func appendJSONString(b []byte, s string) []byte {
	const hexd = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hexd[c>>4], hexd[c&0x0F])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hexd[r&0x0F])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
