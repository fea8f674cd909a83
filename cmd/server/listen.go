package main

import (
	"fmt"
	"net"
	"strconv"

	"github.com/corescope/corescope/internal/config"
)

// applyListenFlag applies -listen: a host replaces `listen`, host:port also replaces the
// port. The config key itself is host only, so its port stays in one place (`port`/PORT).
func applyListenFlag(cfg *config.Config, v string) error {
	if v == "" {
		return nil
	}
	host, port, err := net.SplitHostPort(v)
	if err != nil {
		cfg.Listen = v // no port: a bare host or IPv6 literal
		return nil
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("-listen %q: port must be 1..65535", v)
	}
	if host == "" {
		host = "0.0.0.0" // ":port" conventionally means every interface
	}
	cfg.Listen, cfg.Port = host, n
	return nil
}
