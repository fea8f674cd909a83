package knownchannels

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Entry is one channel of the catalogue (api.md §3.6 #64).
type Entry struct {
	// Channel is "#name" for a hashtag channel (its key is derived from the name) or a label
	// for a channel whose Key is given.
	Channel     string `json:"channel"`
	Description string `json:"description,omitempty"`
	// Key is the base64 16-byte channel secret, for channels whose key is not derived from the name.
	Key string `json:"key,omitempty"`
	// Region is an ISO-3166 alpha-2 code in lower case; "" means worldwide.
	Region     string `json:"region"`
	RegionName string `json:"regionName,omitempty"`
}

// Catalogue is what GET /api/known-channels answers.
type Catalogue struct {
	GeneratedAt string `json:"generatedAt,omitempty"`
	License     string `json:"license,omitempty"`
	// FetchedAt is when the entries were fetched from the remote URL (zero for the bundled list).
	FetchedAt time.Time `json:"fetchedAt"`
	// Source is the remote URL without credentials or query, or "bundled".
	Source string `json:"source"`
	// Stale marks remote entries kept after a later refresh failed.
	Stale   bool    `json:"stale,omitempty"`
	Entries []Entry `json:"entries"`
}

// Bounds on one catalogue: an entry count past anything a dialog can show, and field lengths.
const (
	maxEntries     = 5000
	maxNameLen     = 64
	maxDescLen     = 280
	maxRegionName  = 64
	maxGeneratedAt = 64
	maxLicense     = 128
)

// remoteDoc is the document knownChannelsUrl serves: the response's own shape without the
// fields the server fills in.
type remoteDoc struct {
	GeneratedAt string            `json:"generatedAt"`
	License     string            `json:"license"`
	Entries     []json.RawMessage `json:"entries"`
}

// errNoEntries reports a document that is JSON but not a catalogue.
var errNoEntries = errors.New(`catalogue has no "entries" array`)

// parse decodes a catalogue document and keeps its valid entries; dropped counts the rest.
// It fails on bad JSON or a missing entries array, never on one bad entry.
func parse(b []byte) (c Catalogue, dropped int, err error) {
	var doc remoteDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		return Catalogue{}, 0, fmt.Errorf("decode catalogue: %w", err)
	}
	if doc.Entries == nil {
		return Catalogue{}, 0, errNoEntries
	}
	c.GeneratedAt = clip(doc.GeneratedAt, maxGeneratedAt)
	c.License = clip(doc.License, maxLicense)
	c.Entries = []Entry{}
	seen := map[string]bool{}
	for _, raw := range doc.Entries {
		var e Entry
		if json.Unmarshal(raw, &e) != nil || !clean(&e) || len(c.Entries) >= maxEntries {
			dropped++
			continue
		}
		id := e.Region + "\x00" + e.Channel + "\x00" + e.Key
		if seen[id] {
			dropped++
			continue
		}
		seen[id] = true
		c.Entries = append(c.Entries, e)
	}
	return c, dropped, nil
}

// clean normalises an entry in place and reports whether it is usable: a name without spaces or
// control characters, "#name" unless a 16-byte key is given, and a two-letter region or none.
func clean(e *Entry) bool {
	e.Channel = strings.TrimSpace(e.Channel)
	if e.Channel == "" || utf8.RuneCountInString(e.Channel) > maxNameLen || strings.IndexFunc(e.Channel, unicode.IsSpace) >= 0 || hasControl(e.Channel) {
		return false
	}
	if e.Key != "" {
		k, err := base64.StdEncoding.DecodeString(strings.TrimSpace(e.Key))
		if err != nil || len(k) != 16 {
			return false
		}
		e.Key = base64.StdEncoding.EncodeToString(k)
	} else if !strings.HasPrefix(e.Channel, "#") || e.Channel == "#" {
		return false
	}
	e.Region = strings.ToLower(strings.TrimSpace(e.Region))
	if e.Region != "" && !IsRegion(e.Region) {
		return false
	}
	e.Description = clip(e.Description, maxDescLen)
	e.RegionName = clip(e.RegionName, maxRegionName)
	return true
}

// IsRegion reports whether s is a two-letter (ISO-3166 alpha-2 shaped) code, any case.
func IsRegion(s string) bool {
	return len(s) == 2 && isLetter(s[0]) && isLetter(s[1])
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func hasControl(s string) bool { return strings.IndexFunc(s, unicode.IsControl) >= 0 }

// clip trims s, replaces control characters with spaces and cuts it to n runes.
func clip(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.TrimSpace(s))
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n])
	}
	return s
}

// ForRegion returns the entries of region (lower-case two letters) plus the worldwide ones;
// "" returns all. The catalogue's slice is never modified.
func (c Catalogue) ForRegion(region string) Catalogue {
	if region == "" {
		return c
	}
	out := make([]Entry, 0, len(c.Entries))
	for _, e := range c.Entries {
		if e.Region == region || e.Region == "" {
			out = append(out, e)
		}
	}
	c.Entries = out
	return c
}
