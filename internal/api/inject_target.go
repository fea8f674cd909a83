package api

import "net"

// injectURL is where POST /api/packets is forwarded: the injection address the running
// ingestor announced in the stats file (it falls back to a free port when the configured
// one is taken by another instance), else the configured Options.InjectURL. Only a
// loopback announcement is trusted; anything else in the file is ignored.
func (s *Server) injectURL() string {
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
