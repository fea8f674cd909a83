package deploy_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDockerfile_CopySourcesExist lints the Dockerfile without a Docker engine: every COPY
// source from the build context exists, every stage named in --from is defined, and the runtime
// paths the supervisord config uses are the ones the image creates.
func TestDockerfile_CopySourcesExist(t *testing.T) {
	root := repoRoot(t)
	b, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	stages := map[string]bool{}
	copies := 0
	for n, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch strings.ToUpper(f[0]) {
		case "FROM":
			if len(f) >= 4 && strings.EqualFold(f[2], "AS") {
				stages[f[3]] = true
			}
		case "COPY":
			args := f[1:]
			from := ""
			for len(args) > 0 && strings.HasPrefix(args[0], "--") {
				if strings.HasPrefix(args[0], "--from=") {
					from = strings.TrimPrefix(args[0], "--from=")
				}
				args = args[1:]
			}
			if len(args) < 2 {
				t.Errorf("Dockerfile:%d: COPY needs a source and a destination", n+1)
				continue
			}
			copies++
			if from != "" {
				if !stages[from] {
					t.Errorf("Dockerfile:%d: COPY --from=%s names no earlier stage", n+1, from)
				}
				continue
			}
			for _, src := range args[:len(args)-1] {
				if _, err := os.Stat(filepath.Join(root, src)); err != nil {
					t.Errorf("Dockerfile:%d: COPY source %s does not exist in the build context", n+1, src)
				}
			}
		}
	}
	if copies < 5 {
		t.Fatalf("got %d COPY lines, want the binaries, public/, config and docker/ files copied", copies)
	}
	for _, want := range []string{"/etc/supervisor/corescope.conf", "/etc/mosquitto/corescope.conf", "/etc/caddy/Caddyfile", "/entrypoint.sh"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("Dockerfile does not install %s, which entrypoint.sh defaults to", want)
		}
	}
	entry, err := os.ReadFile(filepath.Join(root, "docker/entrypoint.sh"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/etc/supervisor/corescope.conf", "/etc/mosquitto/corescope.conf", "/etc/caddy/Caddyfile"} {
		if !strings.Contains(string(entry), want) {
			t.Errorf("entrypoint.sh default for %s is out of step with the Dockerfile", want)
		}
	}
}
