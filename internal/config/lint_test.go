package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func findingFor(fs []Finding, key string) (Finding, bool) {
	for _, f := range fs {
		if f.Key == key {
			return f, true
		}
	}
	return Finding{}, false
}

func TestLint_UnknownKeysNearMissesAndData(t *testing.T) {
	fs := Lint([]byte(`{
		"_comment": "ignored",
		"apikey": "x",
		"retention": {"nodeDay": 3, "_nodeDays": "comment"},
		"mqttSources": [{"name": "a", "brokr": "mqtt://h:1"}],
		"regions": {"ZZZ": "anything"},
		"theme": {"whatever": 1},
		"totallyNew": true
	}`))
	want := map[string]string{
		"apikey":              `did you mean "apiKey"?`,
		"retention.nodeDay":   `did you mean "retention.nodeDays"?`,
		"mqttSources[].brokr": `did you mean "mqttSources[].broker"?`,
		"totallyNew":          "unknown key, ignored",
	}
	for key, msg := range want {
		f, ok := findingFor(fs, key)
		if !ok || f.Error || !strings.Contains(f.Msg, msg) {
			t.Errorf("%s: got %+v (found %v), want a warning containing %q", key, f, ok, msg)
		}
	}
	if f, ok := findingFor(fs, "totallyNew"); ok && strings.Contains(f.Msg, "did you mean") {
		t.Errorf("totallyNew has no near match, got %q", f.Msg)
	}
	if len(fs) != len(want) {
		t.Errorf("got %d findings %v, want %d (map and raw blocks are data, _ keys are comments)", len(fs), fs, len(want))
	}
	if fs := Lint([]byte(`[1,2]`)); len(fs) != 1 || !fs[0].Error {
		t.Errorf("non-object document: got %v, want one error", fs)
	}
}

func TestLintFile_ValidationErrorsAndMissingFile(t *testing.T) {
	dir := t.TempDir()
	if fs := LintFile(filepath.Join(dir, "absent.json"), nil); len(fs) != 0 {
		t.Errorf("missing file: got %v, want nothing", fs)
	}
	p := filepath.Join(dir, "c.json")
	if err := os.WriteFile(p, []byte(`{"port": 70000, "https": {"cert": "a.pem"}, "portt": 1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	fs := LintFile(p, nil)
	for _, key := range []string{"port", "https"} {
		if f, ok := findingFor(fs, key); !ok || !f.Error {
			t.Errorf("%s: got %+v, want an error", key, f)
		}
	}
	if f, ok := findingFor(fs, "portt"); !ok || f.Error || !strings.Contains(f.Msg, `"port"`) {
		t.Errorf("portt: got %+v, want a did-you-mean warning", f)
	}
	if err := os.WriteFile(p, []byte(`{"port": `), 0o600); err != nil {
		t.Fatal(err)
	}
	if fs := LintFile(p, nil); len(fs) != 1 || !fs[0].Error {
		t.Errorf("broken JSON: got %v, want one error", fs)
	}
}

// leafPaths lists the dotted key paths of a JSON document down to its scalars (arrays of objects
// as "[]"), skipping "_" comment keys.
func leafPaths(v any, prefix string, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if !strings.HasPrefix(k, "_") {
				out[prefix+k] = true
				leafPaths(c, prefix+k+".", out)
			}
		}
	case []any:
		for _, c := range x {
			leafPaths(c, strings.TrimSuffix(prefix, ".")+"[].", out)
		}
	}
}

// TestLint_ExistingConfigEveryKeyHonouredOrNamed: with every key of the existing CoreScope's
// example configuration, each key is either read by a process (or lies inside a block it reads as
// data) or named by a warning; the file is valid.
func TestLint_ExistingConfigEveryKeyHonouredOrNamed(t *testing.T) {
	b, err := os.ReadFile("testdata/existing-keys.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	paths := map[string]bool{}
	leafPaths(doc, "", paths)
	known := map[string]bool{}
	for _, p := range KeyPaths() {
		known[p] = true
	}
	fs := LintFile("testdata/existing-keys.json", nil)
	for _, f := range fs {
		if f.Error {
			t.Errorf("unexpected error %s", f)
		}
	}
	for p := range paths {
		_, named := findingFor(fs, p)
		if !known[p] && !underLeaf(p, known) && !named {
			t.Errorf("key %s is neither read nor named in a warning", p)
		}
	}
	for _, key := range []string{"resolvedPath.backfillHours", "packetStore.estimatedPacketBytes", "cacheTTL.nodeList"} {
		if _, ok := findingFor(fs, key); !ok {
			t.Errorf("%s: no warning", key)
		}
	}
	// The known-channels catalogue is built (internal/knownchannels): its keys act and are not warned about.
	for _, key := range []string{"knownChannelsUrl", "knownChannelsRefreshMs"} {
		if f, ok := findingFor(fs, key); ok {
			t.Errorf("%s is honoured but warned about: %s", key, f)
		}
	}
}
