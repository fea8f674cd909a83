package meshcore

// Encrypted is the peer-to-peer envelope of REQ, RESPONSE, TXT_MSG and PATH
// (packet-format §5.1, §6.1, §6.2). The ciphertext uses an ECDH secret
// between the two nodes, so an analyzer cannot decrypt it.
type Encrypted struct {
	DestHash   byte    // first byte of the destination public key
	SrcHash    byte    // first byte of the source public key
	MAC        [2]byte // truncated HMAC-SHA256 of the ciphertext
	Ciphertext []byte  // "encryptedData" (or "pathData" for PATH) in JSON
}

// AnonReq is an ANON_REQ payload: a request from a node the destination may
// not know, carrying the sender's ephemeral public key (§6.6).
type AnonReq struct {
	DestHash   byte
	PubKey     [32]byte // sender's public key ("ephemeralPubKey")
	MAC        [2]byte
	Ciphertext []byte
}

func decodeEncrypted(p []byte) (*Encrypted, string) {
	if len(p) < 4 {
		return nil, errTooShort
	}
	return &Encrypted{DestHash: p[0], SrcHash: p[1], MAC: [2]byte{p[2], p[3]}, Ciphertext: p[4:]}, ""
}

func decodeAnonReq(p []byte) (*AnonReq, string) {
	if len(p) < 35 {
		return nil, errTooShort
	}
	a := &AnonReq{DestHash: p[0], MAC: [2]byte{p[33], p[34]}, Ciphertext: p[35:]}
	copy(a.PubKey[:], p[1:33])
	return a, ""
}

// errTooShort is the payload-level error text of the reference decoder.
const errTooShort = "too short"
