package ingest

import "github.com/corescope/corescope/internal/meshcore"

// payloadJSON renders transmissions.decoded_json: the payload object only (packet-format §9).
func payloadJSON(pk *meshcore.Packet) (string, error) {
	b, err := pk.PayloadJSON()
	if err != nil {
		return "", err
	}
	return string(b), nil
}
