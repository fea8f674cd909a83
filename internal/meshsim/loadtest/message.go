package loadtest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
)

// ObserverTopic returns the MQTT packets topic of synthetic observer i in region iata
// (a 64-hex-digit id made of one repeated byte, distinct for i < 224).
func ObserverTopic(iata string, i int) string {
	return fmt.Sprintf("meshcore/%s/%s/packets", iata, strings.Repeat(fmt.Sprintf("%02X", 0x20+i%224), 32))
}

// PacketMessage returns the JSON body of the i-th load message from observer "<origin> <obs>":
// a direct RESPONSE packet with random ciphertext, so each message is a new
// transmission with one observation, and the content hash the ingestor will store for it.
func PacketMessage(origin string, i, obs int) (body, hash string, err error) {
	ct := make([]byte, 16)
	rand.Read(ct)
	raw := strings.ToUpper("06001f5d97f8" + hex.EncodeToString(ct))
	if hash, err = meshcore.ContentHashHex(raw); err != nil {
		return "", "", fmt.Errorf("hash packet: %w", err)
	}
	body = fmt.Sprintf(`{"origin":"%s %d","timestamp":%q,"type":"PACKET","direction":"rx","raw":%q,"SNR":"%d.5","RSSI":"-%d","score":1000}`,
		origin, obs, time.Now().UTC().Format(time.RFC3339), raw, i%12-3, 70+i%40)
	return body, hash, nil
}
