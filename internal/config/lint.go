package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"reflect"
	"sort"
	"strings"
)

// Finding is one thing the config linter has to say about a key.
type Finding struct {
	Key string
	// Error is true for findings that stop a process from starting (bad JSON, invalid values);
	// the rest are warnings: unknown keys and keys accepted without effect.
	Error bool
	Msg   string
}

func (f Finding) String() string {
	level := "warning"
	if f.Error {
		level = "error"
	}
	return fmt.Sprintf("%s: %s: %s", level, f.Key, f.Msg)
}

// noEffect names keys the existing CoreScope's config.example.json carries that are accepted
// here but change nothing, with the reason an operator should know.
var noEffect = map[string]string{
	"resolvedPath":                     "the ingestor resolves the hops of each new observation as it arrives, but does not backfill older rows stored without a resolved path",
	"resolvedPath.backfillHours":       "the ingestor resolves the hops of each new observation as it arrives, but does not backfill older rows stored without a resolved path",
	"packetStore.estimatedPacketBytes": "the in-memory store measures its own size; packetStore.maxMemoryMB is the limit",
}

// clientCacheTTLKeys are cacheTTL.* keys that only tuned the old web client's own answer cache;
// this web UI asks the server each time, and the server's caches follow the data, not a timer.
var clientCacheTTLKeys = map[string]bool{
	"stats": true, "nodeDetail": true, "nodeHealth": true, "nodeList": true, "bulkHealth": true, "networkStatus": true,
	"observers": true, "channels": true, "channelMessages": true, "analyticsTopology": true, "analyticsChannels": true,
	"analyticsSubpaths": true, "analyticsSubpathDetail": true, "nodeAnalytics": true, "nodeSearch": true,
}

// KeyPaths lists every JSON key the Config struct reads, as dotted paths ("packetStore.maxMemoryMB",
// "mqttSources[].topics"), sorted. Maps and raw JSON are leaves: their contents are data, not keys.
func KeyPaths() []string {
	var paths []string
	keyPaths(reflect.TypeOf(Config{}), "", &paths)
	sort.Strings(paths)
	return paths
}

func keyPaths(t reflect.Type, prefix string, out *[]string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")[0]
		if tag == "-" {
			continue
		}
		if f.Anonymous && tag == "" {
			keyPaths(f.Type, prefix, out)
			continue
		}
		if tag == "" || !f.IsExported() {
			continue
		}
		path := prefix + tag
		*out = append(*out, path)
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft.Kind() == reflect.Struct:
			keyPaths(ft, path+".", out)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			keyPaths(ft.Elem(), path+"[].", out)
		}
	}
}

// LintKeys reads a config file and reports its unknown keys and keys without effect (both
// processes log these as warnings at startup). A missing file has nothing to say.
func LintKeys(path string) []Finding {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return []Finding{{Key: path, Error: true, Msg: err.Error()}}
	}
	return Lint(b)
}

// LintFile is LintKeys plus every validation error of the loaded configuration, for
// `./manage.sh config-check`.
func LintFile(path string, lookup func(string) (string, bool)) []Finding {
	out := LintKeys(path)
	for _, f := range out {
		if f.Error {
			return out // unreadable or not JSON: nothing to validate
		}
	}
	cfg, err := Load(path, lookup)
	if err == nil {
		err = cfg.Validate()
	}
	for _, e := range flatten(err) {
		f := Finding{Key: path, Error: true, Msg: e.Error()}
		var fe *FieldError
		if errors.As(e, &fe) {
			f.Key, f.Msg = fe.Field, fe.Msg
		}
		out = append(out, f)
	}
	return out
}

// Lint reports the keys of a config document that no process reads (with a near match when
// there is one) and the keys accepted without effect. Keys starting with "_" are comments.
func Lint(raw []byte) []Finding {
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return []Finding{{Key: "(file)", Error: true, Msg: "not a JSON object: " + err.Error()}}
	}
	known := map[string]bool{}
	for _, p := range KeyPaths() {
		known[p] = true
	}
	var out []Finding
	lintObject(doc, "", known, &out)
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func lintObject(obj map[string]any, prefix string, known map[string]bool, out *[]Finding) {
	for k, v := range obj {
		if strings.HasPrefix(k, "_") {
			continue
		}
		p := prefix + k
		switch {
		case noEffect[p] != "":
			*out = append(*out, Finding{Key: p, Msg: "accepted, no effect here: " + noEffect[p]})
			if m, ok := v.(map[string]any); ok {
				lintObject(m, p+".", known, out) // name each key inside too
			}
			continue
		case prefix == "cacheTTL." && clientCacheTTLKeys[k]:
			*out = append(*out, Finding{Key: p, Msg: "accepted, no effect here: it tuned the old web client's answer cache; this UI always asks the server"})
			continue
		case !known[p]:
			msg := "unknown key, ignored"
			if near := nearest(p, known); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			*out = append(*out, Finding{Key: p, Msg: msg})
			continue
		case !hasChildKeys(p, known):
			continue // a map or raw block: its contents are data
		}
		switch x := v.(type) {
		case map[string]any:
			lintObject(x, p+".", known, out)
		case []any:
			for _, e := range x {
				if m, ok := e.(map[string]any); ok {
					lintObject(m, p+"[].", known, out)
				}
			}
		}
	}
}

func hasChildKeys(p string, known map[string]bool) bool {
	for k := range known {
		if strings.HasPrefix(k, p+".") || strings.HasPrefix(k, p+"[].") {
			return true
		}
	}
	return false
}

// nearest returns the known key at the same level closest to p (case-insensitive equal, or at
// most two edits away), or "".
func nearest(p string, known map[string]bool) string {
	i := strings.LastIndexAny(p, ".]") + 1
	prefix, name := p[:i], strings.ToLower(p[i:])
	best, bestD := "", 3
	for k := range known {
		if !strings.HasPrefix(k, prefix) || strings.ContainsAny(k[len(prefix):], ".[") {
			continue
		}
		d := editDistance(name, strings.ToLower(k[len(prefix):]))
		if d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of two short key names.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// flatten splits an errors.Join result into its parts.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// LogKeyWarnings logs each unknown or ineffective key of the config file once, at startup.
func LogKeyWarnings(log *slog.Logger, path string) {
	for _, f := range LintKeys(path) {
		if !f.Error {
			log.Warn("config key "+f.Msg, "key", f.Key, "file", path)
		}
	}
}
