package channelkeys

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/corescope/corescope/internal/meshcore"
)

// Load merges channel keys in the reference order (§2.9, later wins): the
// built-in Public key, the rainbow file at path (a JSON object name → 32-hex key; a
// missing file is fine), hashtag channels, then explicit keys.
func Load(path string, explicit map[string]string, hashtags []string) (*meshcore.ChannelKeys, error) {
	merged := map[string]string{}
	if path != "" {
		b, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, fmt.Errorf("read channel keys %s: %w", path, err)
		default:
			if err := json.Unmarshal(b, &merged); err != nil {
				return nil, fmt.Errorf("parse channel keys %s: %w", path, err)
			}
		}
	}
	var tags []string
	for _, h := range hashtags {
		if _, ok := explicit[h]; !ok {
			tags = append(tags, h)
		}
	}
	for k, v := range explicit {
		merged[k] = v
	}
	keys, err := meshcore.NewChannelKeys(merged, tags)
	if err != nil {
		return nil, fmt.Errorf("load channel keys: %w", err)
	}
	return keys, nil
}
