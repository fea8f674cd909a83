package meshcore

// Firmware limits (FW MeshCore.h) used by the validity rules.
const (
	MaxPathSize   = 64  // maximum header path bytes
	MaxPayload    = 184 // maximum payload bytes
	PubKeySize    = 32  // Ed25519 public key bytes
	SignatureSize = 64  // Ed25519 signature bytes
)

// DecodeOptions tunes Decode. The zero value decodes everything except
// channel messages (no keys) and verifies advert signatures.
type DecodeOptions struct {
	// Keys are the channel keys tried for GRP_TXT / GRP_DATA. Nil means no
	// keys: channel payloads report decryption status "no_key".
	Keys *ChannelKeys
	// SkipSignatureCheck disables Ed25519 verification of adverts; then
	// Advert.SignatureChecked is false and "signatureValid" is omitted from JSON.
	SkipSignatureCheck bool
	// AdvertVerifier, when set, replaces the direct Ed25519 check of an advert: it is
	// given the advert payload and must return what VerifyAdvert would (a cache of
	// verdicts, for the same advert heard by many observers). Not called when
	// SkipSignatureCheck is set. It must not retain the payload slice.
	AdvertVerifier func(payload []byte) bool
}

// TransportCodes are the two 16-bit codes that follow the header on
// TRANSPORT_FLOOD and TRANSPORT_DIRECT packets (packet-format §3).
type TransportCodes struct {
	Code1 uint16 // region scope code (see ScopeCode); 0 = unscoped
	Code2 uint16 // reserved, normally 0
}

// Scoped reports whether code1 is non-zero, i.e. the packet is region scoped.
func (t TransportCodes) Scoped() bool { return t.Code1 != 0 }

// Packet is one decoded over-the-air packet. Byte-slice fields alias Raw,
// which Decode copies from its input, so the caller's buffer may be reused.
//
// Exactly one of the payload variant pointers (Encrypted, Ack, Advert,
// Group, AnonReq, Trace, Multipart, Control) is set when the payload parsed;
// none is set for RAW_CUSTOM, the reserved types, or when PayloadError is
// non-empty.
type Packet struct {
	Header    Header
	Transport *TransportCodes // nil unless the route carries transport codes
	// Path is the path as reported by the reference decoder: header hop
	// prefixes, or for TRACE with route data the payload route (§6.8).
	Path Path
	// PathBytes are the header path bytes exactly as on the wire (hop
	// prefixes, or SNR bytes for TRACE).
	PathBytes []byte
	// Payload is the payload bytes (everything after the path).
	Payload []byte
	// Raw is a copy of the whole packet.
	Raw []byte
	// Hash is the 16-hex-char content hash (see ContentHash).
	Hash string
	// PayloadError is a non-fatal payload problem such as "too short"; the
	// packet framing is still valid.
	PayloadError string
	// Anomaly is a non-fatal oddity noticed while decoding (TRACE only).
	Anomaly string

	Encrypted *Encrypted    // REQ, RESPONSE, TXT_MSG, PATH
	Ack       *Ack          // ACK
	Advert    *Advert       // ADVERT
	Group     *GroupMessage // GRP_TXT, GRP_DATA
	AnonReq   *AnonReq      // ANON_REQ
	Trace     *Trace        // TRACE
	Multipart *Multipart    // MULTIPART
	Control   *Control      // CONTROL
}

// RouteType returns the header route type.
func (p *Packet) RouteType() RouteType { return p.Header.Route }

// PayloadType returns the header payload type.
func (p *Packet) PayloadType() PayloadType { return p.Header.Type }

// FromPubKey returns the advertising node's public key for ADVERT packets
// (the transmissions.from_pubkey column), else nil.
func (p *Packet) FromPubKey() []byte {
	if p.Advert != nil {
		return p.Advert.PubKey[:]
	}
	return nil
}

// ObservationPath returns the hop strings stored as an observation's
// path_json (packet-format §8): the header hops, or the TRACE route hops.
func (p *Packet) ObservationPath() []string { return p.Path.Hops() }

// ChannelColumn returns the transmissions.channel_hash value (packet-format
// §7): for GRP_TXT the channel name when decrypted, else "enc_" followed by
// the uppercase channel-hash byte; "" for other payload types.
func (p *Packet) ChannelColumn() string {
	if p.Header.Type != PayloadGrpTxt || p.Group == nil {
		return ""
	}
	if p.Group.Status == StatusDecrypted {
		return p.Group.Channel
	}
	return "enc_" + upperHex([]byte{p.Group.ChannelHash})
}
