// Package encode builds MeshCore over-the-air packets: the framing (header, optional
// transport codes, path-length byte, path, payload) and the payload variants the
// simulator sends — signed adverts, channel messages encrypted with a group key,
// peer-to-peer encrypted envelopes, ACKs and TRACEs (packet-format §1–§6).
//
// It is the inverse of internal/meshcore's decoder and is verified against it: every
// packet built here decodes without error there. Encoders are pure functions of their
// inputs; callers supply keys, timestamps and random bytes so output is reproducible.
package encode
