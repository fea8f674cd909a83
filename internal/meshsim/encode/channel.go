package encode

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/corescope/corescope/internal/meshcore"
)

// maxGroupText is the largest "sender: text" that fits one GRP_TXT payload:
// 184 − channel hash − MAC − timestamp − flags, rounded down to whole blocks.
const maxGroupText = (meshcore.MaxPayload-3)/blockSize*blockSize - 5

// GroupText returns a GRP_TXT payload on the channel with the 16-byte key: channel hash
// ‖ MAC ‖ AES-ECB(timestamp ‖ txt_type 0 ‖ "sender: text"), packet-format §5.2. The
// text is cut to fit one packet; control characters are replaced by spaces.
func GroupText(key [16]byte, timestamp uint32, sender, text string) ([]byte, error) {
	body := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7F {
			return ' '
		}
		return r
	}, text)
	if sender != "" {
		body = sender + ": " + body
	}
	body = fitUTF8(body, maxGroupText)
	plain := make([]byte, 0, 5+len(body))
	plain = binary.LittleEndian.AppendUint32(plain, timestamp)
	plain = append(plain, 0)
	plain = append(plain, body...)
	var secret [32]byte
	copy(secret[:], key[:])
	sealed, err := encryptThenMAC(secret, plain)
	if err != nil {
		return nil, fmt.Errorf("encode group text: %w", err)
	}
	return append([]byte{meshcore.ChannelHash(key)}, sealed...), nil
}
