package testutil

import (
	"fmt"
	"math/rand/v2"
	"net"
	"testing"
)

// PortBelowHeld holds the loopback port p+1 and returns p, which is free: an instance started on
// PORT=p finds its default injection port (PORT+1) taken. Ports come from 20000–31999, below the
// kernel's ephemeral range, where concurrently running tests' own sockets do not crowd them.
func PortBelowHeld(t testing.TB) (int, net.Listener) {
	t.Helper()
	for range 200 {
		p := 20000 + rand.IntN(12000)
		held, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p+1))
		if err != nil {
			continue
		}
		if probe, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p)); err == nil {
			probe.Close()
			t.Cleanup(func() { held.Close() })
			return p, held
		}
		held.Close()
	}
	t.Fatal("no free port below a held one")
	return 0, nil
}
