package meshcore

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"testing"
)

// vectorsPath is the shared capture file, read in place (never copied).
var vectorsPath = filepath.Join("..", "..", "..", "shared", "testdata", "vectors.json")

// vector is one entry of vectors.json (packet-format §14).
type vector struct {
	Source            string          `json:"source"`
	ID                int             `json:"id"`
	Name              string          `json:"name"`
	Note              string          `json:"note"`
	RawHex            string          `json:"raw_hex"`
	ContentHash       string          `json:"content_hash"`
	Expect            map[string]any  `json:"expect"`
	ReferenceDecode   json.RawMessage `json:"reference_decode"`
	ReferencePathJSON *[]string       `json:"reference_path_json"`
	HeaderPathHops    *[]string       `json:"header_path_hops"`
	ChannelColumn     *string         `json:"channel_hash_column"`
	FromPubkeyColumn  *string         `json:"from_pubkey_column"`
}

// label names the vector in subtests and allow-lists.
func (v *vector) label() string {
	if v.Name != "" {
		return v.Name
	}
	return "id" + strconv.Itoa(v.ID)
}

// loadVectors reads vectors.json. Outside CI a missing file skips the
// caller; under CI=true it fails.
func loadVectors(tb testing.TB) []vector {
	tb.Helper()
	vs, err := readVectors()
	if errors.Is(err, os.ErrNotExist) && os.Getenv("CI") != "true" {
		tb.Skipf("shared vectors not found at %s (required under CI=true)", vectorsPath)
	}
	if err != nil {
		tb.Fatalf("load vectors: %v", err)
	}
	return vs
}

// readVectors parses vectors.json; an absent file gives an error wrapping
// os.ErrNotExist.
func readVectors() ([]vector, error) {
	data, err := os.ReadFile(vectorsPath)
	if err != nil {
		return nil, err
	}
	var vs []vector
	if err := json.Unmarshal(data, &vs); err != nil {
		return nil, fmt.Errorf("parse %s: %w", vectorsPath, err)
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("parse %s: no vectors", vectorsPath)
	}
	return vs, nil
}

// vectorKeys is the channel configuration the reference run used for the
// channels that actually occur in the vectors: the built-in Public key plus
// these hashtag channels (all derived from their names).
func vectorKeys(tb testing.TB) *ChannelKeys {
	tb.Helper()
	keys, err := NewChannelKeys(nil, []string{"#test", "#wardriving", "#bot", "#LongFast", "#chat"})
	if err != nil {
		tb.Fatalf("NewChannelKeys: %v", err)
	}
	return keys
}

// jsonDiff returns "" when a and b are deeply equal JSON values, else the
// first differing path with both values.
func jsonDiff(path string, a, b any) string {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: got %s, want %s", path, show(a), show(b))
		}
		keys := make([]string, 0, len(av)+len(bv))
		for k := range av {
			keys = append(keys, k)
		}
		for k := range bv {
			if _, dup := av[k]; !dup {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			x, okA := av[k]
			y, okB := bv[k]
			switch {
			case !okA:
				return fmt.Sprintf("%s.%s: missing, want %s", path, k, show(y))
			case !okB:
				return fmt.Sprintf("%s.%s: got %s, want absent", path, k, show(x))
			}
			if d := jsonDiff(path+"."+k, x, y); d != "" {
				return d
			}
		}
		return ""
	case []any:
		bv, ok := b.([]any)
		if !ok || len(av) != len(bv) {
			return fmt.Sprintf("%s: got %s, want %s", path, show(a), show(b))
		}
		for i := range av {
			if d := jsonDiff(path+"["+strconv.Itoa(i)+"]", av[i], bv[i]); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a, b) {
		return fmt.Sprintf("%s: got %s, want %s", path, show(a), show(b))
	}
	return ""
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}
