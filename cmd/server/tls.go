package main

import (
	"net"
	"net/http"

	"github.com/corescope/corescope/internal/config"
)

// serve answers HTTP on ln, or HTTPS when the config names a certificate and key (`https.*`,
// kept from configs that served TLS without a proxy in front).
func serve(srv *http.Server, ln net.Listener, tls config.HTTPS) error {
	if tls.Cert != "" && tls.Key != "" {
		return srv.ServeTLS(ln, tls.Cert, tls.Key)
	}
	return srv.Serve(ln)
}
