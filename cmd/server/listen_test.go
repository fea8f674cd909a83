package main

import (
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/config"
	"github.com/corescope/corescope/internal/testutil"
)

// waitHealthzAnswer polls url until the server answers at all (503 while loading is fine).
func waitHealthzAnswer(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("server never answered %s: %v", url, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServer_ListensOnLoopbackUnlessTold: by default the server binds 127.0.0.1, so a
// connection to another local address (127.0.0.2, also this machine) is refused;
// LISTEN=0.0.0.0 (what the container entrypoint sets) accepts it.
func TestServer_ListensOnLoopbackUnlessTold(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "server")
	buildBinary(t, "./cmd/server", bin)
	start := func(listen string) int {
		port := testutil.FreePort(t)
		startProc(t, bin, []string{fmt.Sprintf("PORT=%d", port), "LISTEN=" + listen}, "-config", filepath.Join(dir, "none.json"),
			"-db", filepath.Join(dir, listen+".db"), "-public", filepath.Join(dir, "no-public"))
		waitHealthzAnswer(t, fmt.Sprintf("http://127.0.0.1:%d/api/healthz", port))
		return port
	}
	dial := func(port int) error {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.2:%d", port), 2*time.Second)
		if err == nil {
			c.Close()
		}
		return err
	}
	def := start("") // empty LISTEN = not set: the built-in default applies
	if err := dial(def); err == nil {
		t.Errorf("default listen: 127.0.0.2:%d accepted a connection; want the server on 127.0.0.1 only", def)
	}
	all := start("0.0.0.0")
	if err := dial(all); err != nil {
		t.Errorf("LISTEN=0.0.0.0: 127.0.0.2:%d refused: %v", all, err)
	}
}

// TestApplyListenFlag: -listen takes a host (port unchanged) or host:port (both replaced).
func TestApplyListenFlag(t *testing.T) {
	cases := []struct {
		flag, listen string
		port         int
		ok           bool
	}{
		{"", "127.0.0.1", 3000, true},
		{"0.0.0.0", "0.0.0.0", 3000, true},
		{"::", "::", 3000, true},
		{"127.0.0.1:3100", "127.0.0.1", 3100, true},
		{"[::1]:3200", "::1", 3200, true},
		{":3300", "0.0.0.0", 3300, true},
		{"127.0.0.1:99999", "", 0, false},
	}
	for _, tc := range cases {
		cfg := &config.Config{}
		cfg.Listen, cfg.Port = "127.0.0.1", 3000
		err := applyListenFlag(cfg, tc.flag)
		if (err == nil) != tc.ok {
			t.Errorf("-listen %q: err %v, want ok=%v", tc.flag, err, tc.ok)
			continue
		}
		if tc.ok && (cfg.Listen != tc.listen || cfg.Port != tc.port) {
			t.Errorf("-listen %q: got %s port %d, want %s port %d", tc.flag, cfg.Listen, cfg.Port, tc.listen, tc.port)
		}
	}
}
