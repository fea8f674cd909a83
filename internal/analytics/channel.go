package analytics

import (
	"encoding/json"
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// GroupText is the subset of a GRP_TXT decoded_json the channel views read.
type GroupText struct {
	Channel         string `json:"channel"`
	ChannelHash     any    `json:"channelHash"`
	ChannelHashHex  string `json:"channelHashHex"`
	Text            string `json:"text"`
	Sender          string `json:"sender"`
	SenderTimestamp *int64 `json:"sender_timestamp"`
	Timestamp       *int64 `json:"timestamp"`
	Decrypted       *bool  `json:"decrypted"`
	DecryptionState string `json:"decryptionStatus"`
}

// ParseGroupText decodes a GRP_TXT decoded_json (zero for nil or malformed input).
func ParseGroupText(decoded *string) (msg GroupText) {
	if decoded != nil {
		json.Unmarshal([]byte(*decoded), &msg)
	}
	return msg
}

// ChannelKey returns the channel name of a GRP_TXT transmission, or enc_<HEX>, with its
// decoded message.
func ChannelKey(t *store.Transmission) (key string, msg GroupText, encrypted bool) {
	msg = ParseGroupText(t.DecodedJSON)
	key, encrypted = ChannelOf(t.ChannelHash, &msg)
	return key, msg, encrypted
}

// ChannelOf names a channel from the ingestor's channel_hash column, falling back to
// the decoded message (msg may be nil when channel_hash is known to be set).
func ChannelOf(channelHash *string, msg *GroupText) (key string, encrypted bool) {
	if ch := deref(channelHash); ch != "" {
		if rest, ok := strings.CutPrefix(ch, "enc_"); ok {
			return "enc_" + strings.ToUpper(rest), true
		}
		return ch, false
	}
	if msg.Channel != "" {
		return msg.Channel, false
	}
	return "enc_" + strings.ToUpper(msg.ChannelHashHex), true
}

// SenderText splits "sender: text" as the reference does (part after the first ": ").
func SenderText(m GroupText) (sender, text string) {
	if m.Sender != "" {
		return m.Sender, strings.TrimPrefix(m.Text, m.Sender+": ")
	}
	if a, b, ok := strings.Cut(m.Text, ": "); ok {
		return a, b
	}
	return "", m.Text
}
