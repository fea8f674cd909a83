package config

import (
	"io"
	"log/slog"
	"net"
	"strings"
)

// Environment variables of the operability keys.
const (
	EnvLogLevel      = "LOG_LEVEL"
	EnvLogFormat     = "LOG_FORMAT"
	EnvMetricsListen = "CORESCOPE_METRICS_LISTEN"
	EnvMetricsToken  = "CORESCOPE_METRICS_TOKEN"
)

func (c *Config) applyOpsEnv(get func(string) (string, bool), lookup func(string) (string, bool)) {
	if v, ok := get(EnvLogLevel); ok {
		c.LogLevel = strings.ToLower(v)
	}
	if v, ok := get(EnvLogFormat); ok {
		c.LogFormat = strings.ToLower(v)
	}
	if v, ok := lookup(EnvMetricsListen); ok {
		// An explicitly empty value disables the ingestor's listener, as CORESCOPE_INJECT_LISTEN.
		c.Prometheus.IngestorListen = strings.TrimSpace(v)
		if c.Prometheus.IngestorListen == "" {
			c.Prometheus.IngestorListen = "off"
		}
	}
	if v, ok := get(EnvMetricsToken); ok {
		c.Prometheus.Token = v
	}
}

// logLevels maps logLevel values onto slog levels.
var logLevels = map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn,
	"warning": slog.LevelWarn, "error": slog.LevelError}

// NewLogger builds the process logger from logLevel and logFormat ("text" or "json"),
// writing to w. Unknown values fall back to info and text (Validate reports them).
func (c *Config) NewLogger(w io.Writer) *slog.Logger {
	lvl, ok := logLevels[strings.ToLower(c.LogLevel)]
	if !ok {
		lvl = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lvl}
	if strings.EqualFold(c.LogFormat, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func (c *Config) validateOps(bad func(field, format string, a ...any)) {
	if _, ok := logLevels[strings.ToLower(c.LogLevel)]; !ok {
		bad("logLevel", "must be debug, info, warn or error, got %q", c.LogLevel)
	}
	if f := strings.ToLower(c.LogFormat); f != "text" && f != "json" {
		bad("logFormat", "must be \"text\" or \"json\", got %q", c.LogFormat)
	}
	if l := c.Prometheus.IngestorListen; l != "" {
		if _, port, err := net.SplitHostPort(l); err != nil || port == "" {
			bad("prometheus.ingestorListen", "must be host:port or \"off\", got %q", l)
		}
	}
	if r := c.RateLimit; r.PerSecond < 0 || r.Burst < 0 {
		bad("rateLimit", "perSecond and burst must be >= 0")
	}
	for i, u := range c.Alerts.Webhooks {
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			bad("alerts.webhooks", "entry %d must be an http:// or https:// URL", i)
		}
	}
}
