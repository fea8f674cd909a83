// Package meshcore turns raw MeshCore over-the-air packets into typed Go values.
//
// It parses the header (route type, payload type, version), transport codes,
// the path-length byte and hop prefixes, and every payload type defined by
// packet-format.md: REQ, RESPONSE, TXT_MSG, ACK, ADVERT (with Ed25519
// signature verification), GRP_TXT and GRP_DATA (channel MAC check and
// AES-128-ECB decryption with caller-supplied keys), ANON_REQ, PATH, TRACE,
// MULTIPART, CONTROL, RAW_CUSTOM and the reserved types.
//
// The package also computes the transmission content hash (the dedup key),
// transport-scope (region) codes and LoRa time-on-air.
//
// Everything here is pure: no I/O, no clocks, no package-level mutable state.
// Hostile input never panics; errors wrap the sentinels in errors.go and are
// often a *FieldError naming the offending field.
//
// Where packet-format.md leaves a choice (its QUIRK and open points), this
// package follows the reference decoder's output except that: channel keys
// are tried only when their channel-hash byte matches (firmware behaviour,
// deterministic); ContentHash strips whitespace and returns an error for
// unhashable input instead of echoing the input text; and 16-byte channel
// keys only are supported.
//
// A decoded *Packet renders to JSON with the field names and shape of the
// reference decoder (packet-format §9) through Packet.MarshalJSON, and the
// payload object alone (transmissions.decoded_json) through
// Packet.PayloadJSON.
package meshcore
