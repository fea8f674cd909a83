package config

import (
	"fmt"
	"strconv"
	"strings"
)

// Environment variable names read by Load.
const (
	EnvPort             = "PORT"
	EnvDBPath           = "DB_PATH"
	EnvMQTTBroker       = "MQTT_BROKER"
	EnvMQTTTopic        = "MQTT_TOPIC"
	EnvChannelKeysPath  = "CHANNEL_KEYS_PATH"
	EnvStatsPath        = "CORESCOPE_INGESTOR_STATS"
	EnvSlowWriterMs     = "CORESCOPE_DB_SLOW_WRITER_MS"
	EnvCORSOrigins      = "CORS_ALLOWED_ORIGINS"
	EnvHashRegions      = "HASH_REGIONS"
	EnvAPIKey           = "API_KEY"
	EnvInjectToken      = "CORESCOPE_INJECT_TOKEN"
	EnvInjectListen     = "CORESCOPE_INJECT_LISTEN"
	EnvEnablePprof      = "ENABLE_PPROF"
	EnvPprofPort        = "PPROF_PORT"
	DefaultStatsName    = "ingestor-stats.json"
	DefaultInjectListen = "127.0.0.1:3001"
)

// applyEnv overrides file values with non-blank environment variables.
func (c *Config) applyEnv(lookup func(string) (string, bool)) error {
	get := func(k string) (string, bool) {
		v, ok := lookup(k)
		v = strings.TrimSpace(v)
		return v, ok && v != ""
	}
	if v, ok := get(EnvPort); ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("env %s: not a number: %q", EnvPort, v)
		}
		c.Port = n
	}
	if v, ok := get(EnvListen); ok {
		c.Listen = v
	}
	if v, ok := get(EnvDBPath); ok {
		c.DBPath = v
	}
	if v, ok := get(EnvMQTTBroker); ok {
		topic, _ := get(EnvMQTTTopic)
		if topic == "" {
			topic = "meshcore/#"
		}
		// §1.1: MQTT_BROKER replaces every configured source with one named "env".
		c.MQTT = nil
		c.MQTTSources = []MQTTSource{{Name: "env", Broker: v, Topics: []string{topic}}}
	}
	if v, ok := get(EnvChannelKeysPath); ok {
		c.ChannelKeysPath = v
	}
	if v, ok := get(EnvStatsPath); ok {
		c.Ingestor.StatsPath = v
	}
	if v, ok := get(EnvSlowWriterMs); ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("env %s: not a number: %q", EnvSlowWriterMs, v)
		}
		c.Ingestor.SlowWriterMs = n
	}
	if v, ok := get(EnvCORSOrigins); ok {
		c.CorsAllowedOrigins = splitList(v)
	}
	if v, ok := get(EnvHashRegions); ok {
		c.HashRegions = splitList(v)
	}
	if v, ok := get(EnvAPIKey); ok {
		c.APIKey = v
	}
	if v, ok := get(EnvInjectToken); ok {
		c.Ingestor.InjectToken = v
	}
	if v, ok := lookup(EnvInjectListen); ok {
		// An explicitly empty value disables the endpoint, so no blank check here.
		c.Ingestor.InjectListen = strings.TrimSpace(v)
		if c.Ingestor.InjectListen == "" {
			c.Ingestor.InjectListen = "off"
		}
	}
	c.applyOpsEnv(get, lookup)
	if err := c.applyClientRxEnv(get); err != nil {
		return err
	}
	if v, ok := get(EnvEnablePprof); ok && (v == "true" || v == "1") {
		c.Ingestor.PprofPort = 6061
		if p, ok := get(EnvPprofPort); ok {
			n, err := strconv.Atoi(p)
			if err != nil {
				return fmt.Errorf("env %s: not a number: %q", EnvPprofPort, p)
			}
			c.Ingestor.PprofPort = n
		}
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
