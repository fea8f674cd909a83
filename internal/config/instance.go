package config

import (
	"net"
	"strconv"
	"strings"
)

// An instance is identified by its web port (and its database): the ingestor's loopback
// listeners are derived from the port, the stats file sits next to the database, so two instances started with different PORT
// values do not collide. Explicit keys still win.
const (
	EnvListen         = "LISTEN"
	DefaultListen     = "127.0.0.1"
	DefaultPort       = 3000
	injectPortOffset  = 1
	metricsPortOffset = 2
)

// applyInstanceDefaults fills port and listen; it runs before the derived addresses.
func (c *Config) applyInstanceDefaults() {
	setInt(&c.Port, DefaultPort)
	setStr(&c.Listen, DefaultListen)
}

// instanceAddr resolves an ingestor listener key: "" derives 127.0.0.1:<port+offset>
// (127.0.0.1:0, a free port, when that would pass 65535), "off" disables it ("").
func (c *Config) instanceAddr(v string, offset int) string {
	switch v {
	case "off":
		return ""
	case "":
		p := c.Port + offset
		if c.Port < 1 || p > 65535 {
			p = 0
		}
		return net.JoinHostPort("127.0.0.1", strconv.Itoa(p))
	}
	return v
}

// validListenHost reports whether h is a bind address without a port: an IP literal
// (IPv6 with or without brackets) or a host name.
func validListenHost(h string) bool {
	if h == "" {
		return false
	}
	if ip := strings.TrimSuffix(strings.TrimPrefix(h, "["), "]"); net.ParseIP(ip) != nil {
		return true
	}
	return strings.Trim(strings.ToLower(h), "abcdefghijklmnopqrstuvwxyz0123456789.-") == ""
}

// ListenAddr is the web server's host:port.
func (c *Config) ListenAddr() string {
	return net.JoinHostPort(strings.TrimSuffix(strings.TrimPrefix(c.Listen, "["), "]"), strconv.Itoa(c.Port))
}
