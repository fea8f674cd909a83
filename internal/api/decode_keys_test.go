package api

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/corescope/corescope/internal/meshcore"
)

// channelVector is the part of a shared vector's reference decode that names a decrypted channel.
type channelVector struct {
	hex, channel, sender, text string
}

// decryptedChannelVectors returns the shared vectors the reference decoder decrypted, by channel.
func decryptedChannelVectors(t *testing.T) map[string][]channelVector {
	t.Helper()
	out := map[string][]channelVector{}
	for _, v := range bodyVectors(t) {
		var ref struct {
			Payload struct {
				DecryptionStatus string `json:"decryptionStatus"`
				Channel          string `json:"channel"`
				Sender           string `json:"sender"`
				Text             string `json:"text"`
			} `json:"payload"`
		}
		if json.Unmarshal(v.ReferenceDecode, &ref) != nil || ref.Payload.DecryptionStatus != "decrypted" {
			continue
		}
		p := ref.Payload
		out[p.Channel] = append(out[p.Channel], channelVector{hex: v.RawHex, channel: p.Channel, sender: p.Sender, text: p.Text})
	}
	return out
}

// TestDecode_DecryptsWithServerKeys: POST /api/decode decrypts the Public channel with no
// configuration, and hashtag channels once the server is given them — the expected sender and
// text come from the reference decoder's output in vectors.json.
func TestDecode_DecryptsWithServerKeys(t *testing.T) {
	byChannel := decryptedChannelVectors(t)
	if len(byChannel["Public"]) == 0 || len(byChannel["#wardriving"]) == 0 {
		t.Fatalf("vectors lack decrypted Public/#wardriving messages: %d channels", len(byChannel))
	}
	keys, err := meshcore.NewChannelKeys(nil, []string{"#wardriving"})
	if err != nil {
		t.Fatal(err)
	}
	plain := newFixture(t)
	withTags := newFixture(t, func(o *Options) { o.ChannelKeys = keys })
	cases := []struct {
		name    string
		f       *fixture
		vectors []channelVector
		status  string
	}{
		{"public, default keys", plain, byChannel["Public"], "decrypted"},
		{"hashtag, configured", withTags, byChannel["#wardriving"], "decrypted"},
		{"public, with hashtags configured", withTags, byChannel["Public"], "decrypted"},
		{"hashtag, not configured", plain, byChannel["#wardriving"], "decryption_failed"},
	}
	for _, c := range cases {
		for _, v := range c.vectors {
			code, _, body := c.f.do(t, http.MethodPost, "/api/decode", `{"hex":"`+v.hex+`"}`, nil)
			if code != http.StatusOK {
				t.Fatalf("%s: status %d: %s", c.name, code, body)
			}
			var got struct {
				Decoded struct {
					Payload struct {
						DecryptionStatus string `json:"decryptionStatus"`
						Channel          string `json:"channel"`
						Sender           string `json:"sender"`
						Text             string `json:"text"`
					} `json:"payload"`
				} `json:"decoded"`
			}
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("%s: %v: %s", c.name, err, body)
			}
			p := got.Decoded.Payload
			if p.DecryptionStatus != c.status {
				t.Fatalf("%s: decryptionStatus %q, want %q (%s)", c.name, p.DecryptionStatus, c.status, body)
			}
			if c.status == "decrypted" && (p.Channel != v.channel || p.Sender != v.sender || p.Text != v.text) {
				t.Fatalf("%s: got %q/%q/%q, want %q/%q/%q", c.name, p.Channel, p.Sender, p.Text, v.channel, v.sender, v.text)
			}
		}
	}
}
