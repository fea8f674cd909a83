package statsfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestTrusted(t *testing.T) {
	dir := t.TempDir()
	own := filepath.Join(dir, "stats.json")
	if err := Write(own, &Snapshot{}); err != nil {
		t.Fatal(err)
	}
	if !Trusted(own) {
		t.Errorf("a 0600 file written by this process is not trusted")
	}
	open := filepath.Join(dir, "open.json")
	if err := os.WriteFile(open, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chmod(open, 0o622)
	link := filepath.Join(dir, "link.json")
	os.Symlink(own, link)
	for _, p := range []string{open, link, filepath.Join(dir, "missing.json"), dir} {
		if Trusted(p) {
			t.Errorf("%s: trusted, want not (group/world-writable, symlink, missing or not a file)", filepath.Base(p))
		}
	}
}
