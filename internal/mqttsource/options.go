package mqttsource

import (
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"
)

// SourceOptions configures one broker connection.
type SourceOptions struct {
	Name     string
	Broker   string // mqtt://, mqtts://, tcp://, ssl://, ws://, wss://
	Username string
	Password string
	// InsecureSkipVerify disables TLS certificate checks (config rejectUnauthorized=false).
	InsecureSkipVerify bool
	// CAFile (PEM) replaces the system roots for verifying the broker certificate.
	CAFile string
	Topics []string
	// ClientID is the fixed client id that keys the persistent session.
	ClientID string
	// CleanSession false (the default) keeps the broker-side session across restarts.
	CleanSession bool
	// QoS for subscriptions (default 1).
	QoS byte
	// ConnectTimeout bounds how long Open waits for the first connect.
	ConnectTimeout time.Duration
	// StallTimeout is how long a connected source may be silent before the watchdog
	// forces a reconnect (0 disables the stall check).
	StallTimeout time.Duration
	// KeepAlive is the MQTT keepalive (half-open socket detection).
	KeepAlive time.Duration
	// MaxReconnectInterval caps the exponential reconnect backoff.
	MaxReconnectInterval time.Duration
}

// Options configures a Group.
type Options struct {
	Sources []SourceOptions
	// Handler receives every message. It runs on a paho goroutine and must not block
	// for long. With ManualAck it must arrange for Message.Ack to be called exactly once.
	Handler func(Message)
	// ManualAck delays the PUBACK until Message.Ack (zero-loss mode).
	ManualAck bool
	// WatchdogInterval is how often stalls are checked.
	WatchdogInterval time.Duration
	// ForceReconnectGap throttles forced reconnects per source.
	ForceReconnectGap time.Duration
	Logger            *slog.Logger
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// DefaultOptions returns the production defaults (no sources, no handler).
func DefaultOptions() Options {
	return Options{ManualAck: true, WatchdogInterval: 30 * time.Second, ForceReconnectGap: 60 * time.Second}
}

// DefaultSourceOptions returns per-source defaults for a broker URL.
func DefaultSourceOptions(name, broker string) SourceOptions {
	return SourceOptions{
		Name: name, Broker: broker, Topics: []string{"meshcore/#"}, QoS: 1,
		ConnectTimeout: 30 * time.Second, StallTimeout: 5 * time.Minute,
		KeepAlive: 30 * time.Second, MaxReconnectInterval: 30 * time.Second,
	}
}

// pahoBroker maps the configured URL onto paho's scheme names.
func pahoBroker(raw string) (string, bool, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", false, fmt.Errorf("parse broker %q: not a URL with host", raw)
	}
	tlsOn := false
	switch strings.ToLower(u.Scheme) {
	case "mqtt", "tcp":
		u.Scheme = "tcp"
	case "mqtts", "ssl", "tls":
		u.Scheme, tlsOn = "ssl", true
	case "ws":
	case "wss":
		tlsOn = true
	default:
		return "", false, fmt.Errorf("parse broker %q: unsupported scheme %q", raw, u.Scheme)
	}
	u.User = nil
	return u.String(), tlsOn, nil
}

// clientIDSafe keeps client ids to characters every broker accepts.
func clientIDSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return b.String()
}
