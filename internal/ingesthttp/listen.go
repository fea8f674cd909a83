package ingesthttp

import (
	"errors"
	"fmt"
	"net"
	"syscall"
)

// ListenOrFree listens on addr; when that port is already taken (another instance on this
// machine, say) it listens on a free port of the same host instead and returns busy=true,
// so the caller can log and announce the address it really got. Other errors are returned.
func ListenOrFree(addr string) (ln net.Listener, busy bool, err error) {
	ln, err = net.Listen("tcp", addr)
	if err == nil || !errors.Is(err, syscall.EADDRINUSE) {
		return ln, false, err
	}
	host, _, splitErr := net.SplitHostPort(addr)
	if splitErr != nil {
		return nil, false, err
	}
	ln, err2 := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err2 != nil {
		return nil, true, fmt.Errorf("%w; a free port failed too: %w", err, err2)
	}
	return ln, true, nil
}
