package api

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/corescope/corescope/internal/statsfile"
)

// TestInjectURL_PrefersAnnouncedLoopbackAddress: the server forwards POST /api/packets to
// the address the ingestor announced (it may have moved off a busy port), trusts only a
// loopback one, and uses the configured URL when nothing usable is announced.
func TestInjectURL_PrefersAnnouncedLoopbackAddress(t *testing.T) {
	const configured = "http://127.0.0.1:3001/api/inject"
	path := filepath.Join(t.TempDir(), "stats.json")
	s := New(Options{StatsPath: path, InjectURL: configured})
	if got := s.injectURL(); got != configured {
		t.Errorf("no stats file: got %q, want %q", got, configured)
	}
	for announced, want := range map[string]string{
		"127.0.0.1:45123": "http://127.0.0.1:45123/api/inject",
		"[::1]:45124":     "http://[::1]:45124/api/inject",
		"":                configured,
		"10.1.2.3:80":     configured,
		"example.org:80":  configured,
		"127.0.0.1:0":     configured,
	} {
		if err := statsfile.Write(path, &statsfile.Snapshot{InjectAddr: announced}); err != nil {
			t.Fatal(err)
		}
		if got := s.injectURL(); got != want {
			t.Errorf("announced %q: got %q, want %q", announced, got, want)
		}
	}
	// A stats file others may write (say, planted in /tmp) is not trusted for the address.
	if err := statsfile.Write(path, &statsfile.Snapshot{InjectAddr: "127.0.0.1:45123"}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	if got := s.injectURL(); got != configured {
		t.Errorf("world-writable stats file: got %q, want the configured %q", got, configured)
	}
}
