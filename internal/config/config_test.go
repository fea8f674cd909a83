package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad_MissingFileGivesDefaults(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "nope.json"), nil)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.DBPath != filepath.Join("data", "meshcore.db") || c.Port != 3000 || c.IngestBufferSize != 50000 {
		t.Errorf("got dbPath=%q port=%d buf=%d", c.DBPath, c.Port, c.IngestBufferSize)
	}
	if c.Ingestor.InjectListen != DefaultInjectListen || c.StatsFile() != filepath.Join("data", "ingestor-stats.json") {
		t.Errorf("got inject=%q stats=%q", c.Ingestor.InjectListen, c.StatsFile())
	}
	if !c.SignatureValidation() {
		t.Errorf("got validateSignatures false, want default true")
	}
	src := c.Sources()
	if len(src) != 1 || src[0].Name != "local" || src[0].Topics[0] != "meshcore/#" {
		t.Errorf("got sources %+v", src)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate defaults: %v", err)
	}
}

func TestLoad_InvalidJSON(t *testing.T) {
	if _, err := Load(writeConfig(t, `{"dbPath":`), nil); err == nil {
		t.Fatal("got nil error for broken JSON")
	}
}

func TestLoad_EnvBeatsFile(t *testing.T) {
	p := writeConfig(t, `{"dbPath":"file.db","port":4000,"apiKey":"from-file-0123456789",
		"corsAllowedOrigins":["https://a"],"mqttSources":[{"name":"a","broker":"mqtt://x:1883"}],
		"_comment":"ignored"}`)
	c, err := Load(p, env(map[string]string{
		EnvDBPath: "/env/db.sqlite", EnvPort: "5000", EnvCORSOrigins: "https://b, https://c", EnvHashRegions: "#sjc, oak",
		EnvAPIKey: "env-key-0123456789abcdef", EnvStatsPath: "/tmp/x.json", EnvMQTTBroker: "mqtt://env:1883",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DBPath != "/env/db.sqlite" || c.Port != 5000 || c.APIKey != "env-key-0123456789abcdef" {
		t.Errorf("got db=%q port=%d key=%q", c.DBPath, c.Port, c.APIKey)
	}
	if strings.Join(c.CorsAllowedOrigins, "|") != "https://b|https://c" {
		t.Errorf("got cors %v", c.CorsAllowedOrigins)
	}
	if strings.Join(c.HashRegions, "|") != "#sjc|oak" {
		t.Errorf("got hash regions %v", c.HashRegions)
	}
	if c.Ingestor.InjectToken != c.APIKey {
		t.Errorf("got inject token %q, want apiKey", c.Ingestor.InjectToken)
	}
	src := c.Sources()
	if len(src) != 1 || src[0].Name != "env" || src[0].Broker != "mqtt://env:1883" {
		t.Errorf("got sources %+v", src)
	}
	if c.Ingestor.StatsPath != "/tmp/x.json" || c.StatsFile() != "/tmp/x.json" {
		t.Errorf("got stats %q", c.StatsFile())
	}
}

func TestLoad_BadEnvNumber(t *testing.T) {
	_, err := Load("", env(map[string]string{EnvPort: "eighty"}))
	if err == nil || !strings.Contains(err.Error(), "PORT") {
		t.Fatalf("got %v, want PORT error", err)
	}
}

func TestSources_Legacy(t *testing.T) {
	c, err := Load(writeConfig(t, `{"mqtt":{"broker":"mqtt://h:1883","topic":"x/#"}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Sources()
	if len(s) != 1 || s[0].Name != "default" || strings.Join(s[0].Topics, ",") != "x/#,meshcore/#" {
		t.Errorf("got %+v", s)
	}
}

func TestValidate_FieldNamedErrors(t *testing.T) {
	c, err := Load(writeConfig(t, `{"port":70000,"foreignAdverts":{"mode":"zap"},
		"mqttSources":[{"name":"a","broker":"http://h"},{"name":"a","broker":"mqtt://h:1"}],
		"channelKeys":{"x":"zz"},"ingestor":{"injectListen":"0.0.0.0:3001"},"geo_filter":{"polygon":[[1,2]]},
		"knownChannelsUrl":"file:///etc/passwd","knownChannelsRefreshMs":-5}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	err = c.Validate()
	if err == nil {
		t.Fatal("got nil, want errors")
	}
	for _, field := range []string{"port", "foreignAdverts.mode", "mqttSources[0].broker", "mqttSources[1].name",
		"channelKeys.x", "ingestor.injectListen", "geo_filter.polygon", "knownChannelsUrl", "knownChannelsRefreshMs"} {
		if !strings.Contains(err.Error(), field+":") {
			t.Errorf("missing error for %s in %v", field, err)
		}
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Errorf("got %T, want *FieldError inside", err)
	}
}

func TestLoad_InjectListenDisabledByEnv(t *testing.T) {
	c, err := Load("", env(map[string]string{EnvInjectListen: ""}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Ingestor.InjectListen != "" {
		t.Errorf("got %q, want disabled", c.Ingestor.InjectListen)
	}
}

func TestLoad_ExampleConfigIsValid(t *testing.T) {
	c, err := Load(filepath.Join("..", "..", "config.example.json"), nil)
	if err != nil {
		t.Fatalf("Load example: %v", err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate example: %v", err)
	}
	if len(c.Sources()) != 2 || c.Sources()[1].Username != "observer" || c.Retention.PacketDays != 30 {
		t.Errorf("example not parsed as expected: %+v", c.Sources())
	}
}

// TestStatsFile_DefaultsToTheDataDirectory: the stats file default lives next to the
// database, so a local user cannot plant it in a shared temp directory, and it follows a
// database path changed after Load (the -db flag) so both processes agree.
func TestStatsFile_DefaultsToTheDataDirectory(t *testing.T) {
	c, err := Load(writeConfig(t, `{"dbPath":"/srv/corescope/data/meshcore.db"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.StatsFile(); got != "/srv/corescope/data/ingestor-stats.json" {
		t.Errorf("StatsFile() = %q, want /srv/corescope/data/ingestor-stats.json", got)
	}
	c.DBPath = "/var/lib/cs/db.sqlite" // as cmd/* do for -db
	if got := c.StatsFile(); got != "/var/lib/cs/ingestor-stats.json" {
		t.Errorf("after -db: StatsFile() = %q, want /var/lib/cs/ingestor-stats.json", got)
	}
	if strings.HasPrefix(c.StatsFile(), os.TempDir()) {
		t.Errorf("StatsFile() %q lies in the shared temp directory", c.StatsFile())
	}
	c.Ingestor.StatsPath = "/run/corescope/stats.json"
	if got := c.StatsFile(); got != "/run/corescope/stats.json" {
		t.Errorf("explicit statsPath: got %q", got)
	}
}
