package meshcore

import (
	"errors"
	"strconv"
)

// Sentinel errors. Every error returned by Decode and DecodeHex wraps exactly
// one of them, so callers can test with errors.Is.
var (
	// ErrInvalidHex means the hex input was odd-length or contained a non-hex character.
	ErrInvalidHex = errors.New("invalid hex")
	// ErrTruncated means the buffer ended before a required field (header, path byte,
	// transport codes or the claimed path).
	ErrTruncated = errors.New("truncated packet")
	// ErrInvalidPath means the path-length byte violates the firmware validity rules
	// (hash size 4, or more than 64 path bytes).
	ErrInvalidPath = errors.New("invalid path encoding")
	// ErrPayloadTooLarge means the payload exceeds MaxPayload bytes.
	ErrPayloadTooLarge = errors.New("payload too large")
	// ErrInvalidKey means a configured channel key is not 32 hex characters
	// or a hashtag channel name is empty (NewChannelKeys).
	ErrInvalidKey = errors.New("invalid channel key")
)

// FieldError describes which field of a packet was bad, where, and why.
type FieldError struct {
	Field  string // e.g. "path", "transport codes", "payload"
	Offset int    // byte offset of the field in the raw packet, -1 if not applicable
	Detail string // human-readable detail, e.g. "path length (10 bytes claimed by pathByte 0x0A) exceeds buffer (7 bytes)"
	Err    error  // one of the sentinel errors
}

// Error implements error.
func (e *FieldError) Error() string {
	s := "decode " + e.Field
	if e.Offset >= 0 {
		s += " at offset " + strconv.Itoa(e.Offset)
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the sentinel error.
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(field string, off int, sentinel error, detail string) error {
	return &FieldError{Field: field, Offset: off, Detail: detail, Err: sentinel}
}
