package ingest

import "strconv"

// Limits on the identifiers taken from a topic (meshcore/<REGION>/<OBSERVER>/…). Both end
// up in observers.id / observers.iata, logs and the UI, so anything outside these is
// rejected before a row is written. Every observer id seen in practice fits: the fixture
// holds 30 upper-case 64-hex public keys and one short name ("kpabap"); regions are
// three-letter IATA codes (SJC, SFO, OAK, MRY) or the literal "client".
const (
	maxObserverIDLen = 64 // a 32-byte public key in hex
	minRegionLen     = 2
	maxRegionLen     = 8
)

// observerIDProblem names why a topic's observer id was refused; "" means it is acceptable.
// The names are fixed strings, so counting them per kind keeps memory bounded.
func observerIDProblem(id string) string {
	switch {
	case len(id) > maxObserverIDLen:
		return "bad_observer_id_length"
	case !allBytes(id, isObserverIDByte):
		return "bad_observer_id_chars"
	}
	return ""
}

// regionProblem checks the topic's region segment. An empty region is allowed: the
// source's configured region then applies (storage spec §1.8).
func regionProblem(region string) string {
	switch {
	case region == "":
		return ""
	case len(region) < minRegionLen || len(region) > maxRegionLen:
		return "bad_region_length"
	case !allBytes(region, isRegionByte):
		return "bad_region_chars"
	}
	return ""
}

// isObserverIDByte accepts letters, digits and _ - . : (hex keys, short names, MAC-like ids).
func isObserverIDByte(c byte) bool {
	return isAlnum(c) || c == '_' || c == '-' || c == '.' || c == ':'
}

// isRegionByte accepts letters, digits, _ and - (IATA codes and short region names).
func isRegionByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' }

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func allBytes(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

// quotedPrefix renders the first bytes of an attacker string as escaped ASCII for a log
// line: enough to recognise the sender, never raw control characters.
func quotedPrefix(s string) string { return strconv.QuoteToASCII(clip(s, 8)) }

// checkTopicIDs counts and logs a bad observer id or region; it reports whether the
// message may go on.
func (in *Ingester) checkTopicIDs(tp topicInfo) bool {
	if kind := observerIDProblem(tp.observer); kind != "" {
		in.bad.note(kind, "topic observer id rejected; message dropped",
			"length", len(tp.observer), "prefix", quotedPrefix(tp.observer))
		return false
	}
	if kind := regionProblem(tp.iata); kind != "" {
		in.bad.note(kind, "topic region rejected; message dropped",
			"length", len(tp.iata), "prefix", quotedPrefix(tp.iata))
		return false
	}
	return true
}
