package config

import (
	"net"
	"net/url"
	"strconv"
	"strings"
)

// BrokerEndpoint is a broker URL split for display: no credentials, a port even when the URL
// leaves it to the scheme's default, and whether the broker runs on this machine.
type BrokerEndpoint struct {
	Scheme string
	Host   string
	Port   int
	Local  bool
}

// defaultBrokerPorts are the well-known ports of the schemes mqttSources accept.
var defaultBrokerPorts = map[string]int{"mqtt": 1883, "tcp": 1883, "mqtts": 8883, "ssl": 8883, "tls": 8883, "ws": 80, "wss": 443}

// Endpoint parses the source's broker URL; ok is false when it is not a URL with a known scheme.
func (s MQTTSource) Endpoint() (e BrokerEndpoint, ok bool) {
	u, err := url.Parse(s.Broker)
	if err != nil || u.Host == "" {
		return e, false
	}
	e.Scheme = strings.ToLower(u.Scheme)
	def, known := defaultBrokerPorts[e.Scheme]
	if !known {
		return e, false
	}
	e.Host = u.Hostname()
	e.Port = def
	if p := u.Port(); p != "" {
		if e.Port, err = strconv.Atoi(p); err != nil {
			return e, false
		}
	}
	ip := net.ParseIP(e.Host)
	e.Local = strings.EqualFold(e.Host, "localhost") || (ip != nil && (ip.IsLoopback() || ip.IsUnspecified()))
	return e, true
}

// TopicPrefix is the first segment of the source's first subscription ("meshcore" for
// "meshcore/#"), the prefix observers publish under; "meshcore" when it starts with a wildcard.
func (s MQTTSource) TopicPrefix() string {
	if len(s.Topics) > 0 {
		if first, _, _ := strings.Cut(s.Topics[0], "/"); first != "" && first != "#" && first != "+" {
			return first
		}
	}
	return "meshcore"
}
