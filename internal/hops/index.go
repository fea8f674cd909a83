package hops

import (
	"slices"
	"strings"
)

// Index finds the nodes whose public key starts with a hop prefix. Build it once per
// node-list refresh with NewIndex; it is read-only afterwards and safe for concurrent use.
type Index struct {
	keys []string // sorted, lower-case hex, unique
}

// NewIndex indexes the given public keys (any case; empty and non-hex keys are ignored).
func NewIndex(pubkeys []string) *Index {
	keys := make([]string, 0, len(pubkeys))
	for _, k := range pubkeys {
		k = strings.ToLower(strings.TrimSpace(k))
		if k != "" && isHex(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return &Index{keys: slices.Compact(keys)}
}

// With returns a new index holding x's keys and keys (x is unchanged), for callers
// that learn nodes one batch at a time.
func (x *Index) With(keys []string) *Index {
	if len(keys) == 0 {
		return x
	}
	return NewIndex(append(slices.Clone(x.keys), keys...))
}

// Len is the number of indexed keys.
func (x *Index) Len() int { return len(x.keys) }

// Candidates returns the keys starting with prefix (hex, any case), ascending. A prefix
// that is empty or not hex has no candidates.
func (x *Index) Candidates(prefix string) []string {
	p := strings.ToLower(strings.TrimSpace(prefix))
	if p == "" || !isHex(p) {
		return nil
	}
	i, _ := slices.BinarySearch(x.keys, p)
	j := i
	for j < len(x.keys) && strings.HasPrefix(x.keys[j], p) {
		j++
	}
	return x.keys[i:j:j]
}

// Unique returns the single key starting with prefix, if exactly one does.
func (x *Index) Unique(prefix string) (string, bool) {
	c := x.Candidates(prefix)
	if len(c) != 1 {
		return "", false
	}
	return c[0], true
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// CanRelay reports a role that forwards packets (repeater, room server, room), the only
// nodes that can appear as a hop.
func CanRelay(role string) bool {
	r := strings.ToLower(strings.TrimSpace(role))
	return strings.Contains(r, "repeater") || strings.Contains(r, "room")
}
