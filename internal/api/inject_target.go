package api

import (
	"net"

	"github.com/corescope/corescope/internal/statsfile"
)

// injectURL is where POST /api/packets is forwarded: the injection address the running
// ingestor announced in the stats file (it falls back to a free port when the configured
// one is taken by another instance), else the configured Options.InjectURL. Only a
// loopback announcement in a file of our own user that nobody else can write is used.
func (s *Server) injectURL() string {
	if s.opts.StatsPath == "" || !statsfile.Trusted(s.opts.StatsPath) {
		return s.opts.InjectURL
	}
	if snap := s.ingestorStats(); snap != nil && loopbackHostPort(snap.InjectAddr) {
		return "http://" + snap.InjectAddr + "/api/inject"
	}
	return s.opts.InjectURL
}

func loopbackHostPort(addr string) bool {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" || port == "0" {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
