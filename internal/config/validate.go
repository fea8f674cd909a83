package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// FieldError names the config key that failed validation.
type FieldError struct {
	Field string
	Msg   string
}

// Error implements error as "<field>: <msg>".
func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// Validate checks the loaded config and returns every problem joined (errors.Join of
// *FieldError), or nil.
func (c *Config) Validate() error {
	var errs []error
	bad := func(field, format string, a ...any) {
		errs = append(errs, &FieldError{Field: field, Msg: fmt.Sprintf(format, a...)})
	}
	if strings.TrimSpace(c.DBPath) == "" {
		bad("dbPath", "must not be empty")
	}
	if c.Port < 1 || c.Port > 65535 {
		bad("port", "must be 1..65535, got %d", c.Port)
	}
	if (c.HTTPS.Cert == "") != (c.HTTPS.Key == "") {
		bad("https", "set both cert and key, or neither")
	}
	if !validListenHost(c.Listen) {
		bad("listen", "must be an IP address or host name without a port (the port is `port`/PORT), got %q", c.Listen)
	}
	names := map[string]bool{}
	for i, s := range c.Sources() {
		f := fmt.Sprintf("mqttSources[%d]", i)
		if names[s.Name] {
			bad(f+".name", "duplicate source name %q", s.Name)
		}
		names[s.Name] = true
		u, err := url.Parse(s.Broker)
		if err != nil || u.Host == "" {
			bad(f+".broker", "not a broker URL: %q", s.Broker)
		} else {
			switch u.Scheme {
			case "mqtt", "mqtts", "tcp", "ssl", "tls", "ws", "wss":
			default:
				bad(f+".broker", "unsupported scheme %q (want mqtt, mqtts, ws or wss)", u.Scheme)
			}
		}
		for j, t := range s.Topics {
			if t == "" || strings.Contains(t, "#") && !strings.HasSuffix(t, "#") {
				bad(fmt.Sprintf("%s.topics[%d]", f, j), "invalid topic filter %q", t)
			}
		}
		if s.ConnectTimeoutSec < 0 {
			bad(f+".connectTimeoutSec", "must be >= 0")
		}
		if s.StallTimeoutSec < 0 {
			bad(f+".stallTimeoutSec", "must be >= 0")
		}
	}
	switch c.ForeignAdverts.Mode {
	case "flag", "drop":
	default:
		bad("foreignAdverts.mode", "must be \"flag\" or \"drop\", got %q", c.ForeignAdverts.Mode)
	}
	r := c.Retention
	for _, kv := range []struct {
		k string
		v int
	}{{"retention.nodeDays", r.NodeDays}, {"retention.metricsDays", r.MetricsDays},
		{"retention.packetDays", r.PacketDays}, {"retention.clientRxDays", r.ClientRxDays}} {
		if kv.v < 0 {
			bad(kv.k, "must be >= 0, got %d", kv.v)
		}
	}
	if r.ObserverDays < -1 {
		bad("retention.observerDays", "must be -1 (never) or >= 0, got %d", r.ObserverDays)
	}
	if c.Metrics.SampleIntervalSec < 1 {
		bad("metrics.sampleIntervalSec", "must be >= 1")
	}
	if c.IngestBufferSize < 1 {
		bad("ingestBufferSize", "must be >= 1, got %d", c.IngestBufferSize)
	}
	if c.Ingestor.BatchSize < 1 {
		bad("ingestor.batchSize", "must be >= 1")
	}
	if c.Ingestor.FlushMs < 1 || c.Ingestor.FlushMs > 10000 {
		bad("ingestor.flushMs", "must be 1..10000, got %d", c.Ingestor.FlushMs)
	}
	if c.Ingestor.InjectListen != "" && !loopback(c.Ingestor.InjectListen) {
		bad("ingestor.injectListen", "must be a loopback host:port, got %q", c.Ingestor.InjectListen)
	}
	for name, key := range c.ChannelKeys {
		if len(key) != 32 || strings.Trim(strings.ToLower(key), "0123456789abcdef") != "" {
			bad("channelKeys."+name, "must be 32 hex characters")
		}
	}
	if g := c.GeoFilter; g != nil && len(g.Polygon) > 0 && len(g.Polygon) < 3 {
		bad("geo_filter.polygon", "needs at least 3 points, got %d", len(g.Polygon))
	}
	if u := c.KnownChannelsURL; u != "" {
		if p, err := url.Parse(u); err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
			bad("knownChannelsUrl", "must be an http:// or https:// URL, got %q", u)
		}
	}
	if c.KnownChannelsRefreshMs < 0 {
		bad("knownChannelsRefreshMs", "must be >= 0 (0 = 24 h), got %d", c.KnownChannelsRefreshMs)
	}
	c.validateOps(bad)
	c.validateEmbed(bad)
	return errors.Join(errs...)
}

func loopback(hostport string) bool {
	i := strings.LastIndex(hostport, ":")
	if i < 0 {
		return false
	}
	h := strings.Trim(hostport[:i], "[]")
	return h == "127.0.0.1" || h == "::1" || h == "localhost"
}
