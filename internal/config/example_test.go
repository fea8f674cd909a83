package config

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// examplePaths lists the dotted key paths present in a JSON document, skipping "_" comment keys.
// A key with a "_<key>" sibling is also recorded in explained.
func examplePaths(v any, prefix string, out, explained map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			if strings.HasPrefix(k, "_") {
				continue
			}
			out[prefix+k] = true
			if _, ok := x["_"+k]; ok {
				explained[prefix+k] = true
			}
			examplePaths(child, prefix+k+".", out, explained)
		}
	case []any:
		for _, child := range x {
			if m, ok := child.(map[string]any); ok {
				examplePaths(m, strings.TrimSuffix(prefix, ".")+"[].", out, explained)
			}
		}
	}
}

func allKeyPaths() []string { return KeyPaths() }

// TestExample_CoversEveryKey keeps config.example.json complete: every key either process reads
// appears in it (with a "_<key>" one-line explanation beside it), and it names no key nobody reads.
func TestExample_CoversEveryKey(t *testing.T) {
	b, err := os.ReadFile("../../config.example.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("config.example.json: %v", err)
	}
	have, explained := map[string]bool{}, map[string]bool{}
	examplePaths(doc, "", have, explained)
	known := map[string]bool{}
	for _, p := range allKeyPaths() {
		known[p] = true
		if deprecatedKey(p) {
			continue
		}
		if !have[p] {
			t.Errorf("config.example.json lacks key %s", p)
		} else if !explained[p] {
			t.Errorf("config.example.json key %s has no \"_%s\" explanation beside it", p, p[strings.LastIndexAny(p, ".]")+1:])
		}
	}
	for p := range have {
		if known[p] || underLeaf(p, known) {
			continue
		}
		t.Errorf("config.example.json has key %s, which no process reads", p)
	}
	if _, err := Load("../../config.example.json", nil); err != nil {
		t.Errorf("Load(config.example.json): %v", err)
	}
}

// deprecatedKey reports keys still read for older configs but left out of the example in favour of
// their replacement (docs/configuration.md lists them): mqtt → mqttSources, tiles and
// mapDarkTileProvider → map.tiles.
func deprecatedKey(p string) bool {
	root, _, _ := strings.Cut(p, ".")
	return root == "mqtt" || root == "tiles" || root == "mapDarkTileProvider"
}

// underLeaf reports whether p lies inside a map or raw-JSON key (e.g. regions.SFO, theme.accent).
func underLeaf(p string, known map[string]bool) bool {
	for i := strings.LastIndexByte(p, '.'); i > 0; i = strings.LastIndexByte(p[:i], '.') {
		parent := p[:i]
		if known[parent] {
			return !hasChildren(parent, known)
		}
	}
	return false
}

func hasChildren(parent string, known map[string]bool) bool {
	for k := range known {
		if strings.HasPrefix(k, parent+".") || strings.HasPrefix(k, parent+"[].") {
			return true
		}
	}
	return false
}

// TestDocs_DescribeEveryKey keeps docs/configuration.md in step with the struct.
func TestDocs_DescribeEveryKey(t *testing.T) {
	b, err := os.ReadFile("../../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, p := range allKeyPaths() {
		if !strings.Contains(doc, "`"+p+"`") {
			t.Errorf("docs/configuration.md does not describe `%s`", p)
		}
	}
	for _, env := range []string{EnvPort, EnvListen, EnvDBPath, EnvMQTTBroker, EnvMQTTTopic, EnvChannelKeysPath, EnvStatsPath,
		EnvSlowWriterMs, EnvCORSOrigins, EnvHashRegions, EnvAPIKey, EnvInjectToken, EnvInjectListen, EnvEnablePprof, EnvPprofPort,
		EnvLogLevel, EnvLogFormat, EnvMetricsListen, EnvMetricsToken} {
		if !strings.Contains(doc, "`"+env+"`") {
			t.Errorf("docs/configuration.md does not describe env %s", env)
		}
	}
}
