package encode

import (
	"crypto/ed25519"
	"encoding/binary"
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/corescope/corescope/internal/meshcore"
)

// maxAppData is the firmware's advert app-data limit (MAX_ADVERT_DATA_SIZE).
const maxAppData = 32

// AppData describes an advert's app-data block (packet-format §6.4).
type AppData struct {
	Role meshcore.Role
	// HasLocation adds lat/lon (degrees, stored as ×1e6 truncated toward zero).
	HasLocation bool
	Lat, Lon    float64
	Name        string
}

// Bytes serialises the app data. The name is cut at a UTF-8 boundary so the block
// stays within 32 bytes, as the firmware does.
func (a AppData) Bytes() []byte {
	flags := byte(a.Role) & 0x0F
	out := make([]byte, 1, maxAppData)
	if a.HasLocation {
		flags |= meshcore.AdvertHasLocation
		out = binary.LittleEndian.AppendUint32(out, uint32(int32(math.Trunc(a.Lat*1e6))))
		out = binary.LittleEndian.AppendUint32(out, uint32(int32(math.Trunc(a.Lon*1e6))))
	}
	if name := fitUTF8(a.Name, maxAppData-len(out)); name != "" {
		flags |= meshcore.AdvertHasName
		out = append(out, name...)
	}
	out[0] = flags
	return out
}

// fitUTF8 returns the longest prefix of s of at most n bytes that ends on a rune boundary.
func fitUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Advert returns a signed ADVERT payload: pubkey ‖ timestamp ‖ signature ‖ appdata, the
// signature being Ed25519 over pubkey ‖ timestamp ‖ appdata (packet-format §5.4).
func Advert(priv ed25519.PrivateKey, timestamp uint32, appData []byte) ([]byte, error) {
	if len(priv) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("encode advert: %w: private key of %d bytes", ErrInvalid, len(priv))
	}
	if len(appData) > maxAppData {
		return nil, fmt.Errorf("encode advert: %w: app data of %d bytes", ErrInvalid, len(appData))
	}
	pub := priv.Public().(ed25519.PublicKey)
	msg := make([]byte, 0, meshcore.PubKeySize+4+len(appData))
	msg = append(msg, pub...)
	msg = binary.LittleEndian.AppendUint32(msg, timestamp)
	msg = append(msg, appData...)
	sig := ed25519.Sign(priv, msg)
	out := make([]byte, 0, len(msg)+ed25519.SignatureSize)
	out = append(out, msg[:meshcore.PubKeySize+4]...)
	out = append(out, sig...)
	return append(out, appData...), nil
}
