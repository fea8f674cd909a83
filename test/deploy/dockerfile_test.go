package deploy_test

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/web"
)

// TestDockerfile_CopySourcesExist lints the Dockerfile without a Docker engine: every COPY
// source from the build context exists, every stage named in --from is defined earlier, and the
// runtime paths the supervisord config uses are the ones the image creates.
func TestDockerfile_CopySourcesExist(t *testing.T) {
	root := repoRoot(t)
	stages := readDockerfile(t, root)
	defined := map[string]bool{}
	copies := 0
	for _, st := range stages {
		for _, in := range st.instrs {
			if in.op != "COPY" {
				continue
			}
			if len(in.args) < 2 {
				t.Errorf("Dockerfile:%d: COPY needs a source and a destination", in.line)
				continue
			}
			copies++
			if from := in.flags["from"]; from != "" {
				if !defined[from] {
					t.Errorf("Dockerfile:%d: COPY --from=%s names no earlier stage", in.line, from)
				}
				continue
			}
			for _, src := range in.args[:len(in.args)-1] {
				if _, err := os.Stat(filepath.Join(root, src)); err != nil {
					t.Errorf("Dockerfile:%d: COPY source %s does not exist in the build context", in.line, src)
				}
			}
		}
		defined[st.name] = true
	}
	if copies < 5 {
		t.Fatalf("got %d COPY lines, want the binaries, public/, config and docker/ files copied", copies)
	}
}

// TestDockerfile_BuildStagesCrossCompile checks the multi-arch recipe: the Go and npm stages run
// on the build machine's platform ($BUILDPLATFORM) and the Go build targets $TARGETOS/$TARGETARCH
// without cgo, so `docker buildx build --platform linux/amd64,linux/arm64` emulates only apt-get.
func TestDockerfile_BuildStagesCrossCompile(t *testing.T) {
	stages := readDockerfile(t, repoRoot(t))
	for _, name := range []string{"gobuild", "npmbuild"} {
		st := stageNamed(stages, name)
		if st == nil {
			t.Fatalf("no stage %s", name)
		}
		if st.platform != "$BUILDPLATFORM" {
			t.Errorf("stage %s runs on %q, want --platform=$BUILDPLATFORM", name, st.platform)
		}
	}
	env := ""
	for _, in := range stageNamed(stages, "gobuild").instrs {
		if in.op == "ENV" {
			env += " " + in.raw + " "
		}
	}
	for _, want := range []string{" CGO_ENABLED=0 ", " GOOS=$TARGETOS ", " GOARCH=$TARGETARCH "} {
		if !strings.Contains(env, want) {
			t.Errorf("gobuild ENV %q lacks %q", strings.TrimSpace(env), strings.TrimSpace(want))
		}
	}
}

// entrypointDefaults evaluates the entrypoint's `: "${VAR:=default}"` lines in order, starting
// from the image's ENV, the way sh would with no other environment.
func entrypointDefaults(t *testing.T, root string, stages []dfStage) (map[string]string, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "docker/entrypoint.sh"))
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, in := range stages[len(stages)-1].instrs {
		if in.op == "ENV" {
			for _, kv := range in.args {
				if k, v, ok := strings.Cut(kv, "="); ok {
					vars[k] = v
				}
			}
		}
	}
	def := regexp.MustCompile(`^: "\$\{(\w+):=([^}]*)\}"`)
	for _, line := range strings.Split(string(b), "\n") {
		if m := def.FindStringSubmatch(line); m != nil {
			if _, set := vars[m[1]]; !set {
				vars[m[1]] = os.Expand(m[2], func(k string) string { return vars[k] })
			}
		}
	}
	return vars, string(b)
}

// TestDockerfile_ImageContentsDryRun lists what the image will hold (COPY sources walked, the
// build stages' outputs, created dirs, apt executables) without building it, then checks that
// every path docker/entrypoint.sh, docker/supervisord.conf and docker/mosquitto.conf use by default
// is in that list, that every ENV_ variable supervisord.conf reads is exported by the entrypoint,
// and that every /vendor/ file the UI loads is in an npm package the image installs.
func TestDockerfile_ImageContentsDryRun(t *testing.T) {
	root := repoRoot(t)
	stages := readDockerfile(t, root)
	img := dryRunImage(t, root, stages)

	var listed []string
	for p, src := range img.files {
		if !strings.HasPrefix(p, "/app/public/") {
			listed = append(listed, p+" ← "+src)
		}
	}
	sort.Strings(listed)
	t.Logf("image contents (public/ omitted: %d files):\n  %s", countPrefix(img.files, "/app/public/"), strings.Join(listed, "\n  "))
	for _, want := range []string{"/app/corescope-server", "/app/corescope-ingestor", "/app/public/index.html", "/app/config.example.json"} {
		if img.files[want] == "" {
			t.Errorf("image lacks %s", want)
		}
	}

	vars, entry := entrypointDefaults(t, root, stages)
	for _, dir := range entrypointDirs(entry, vars) {
		img.dirs[dir] = true
	}
	for k, v := range vars {
		if strings.HasPrefix(v, "/") && !img.has(v) && !img.writable(v) {
			t.Errorf("entrypoint default %s=%s is not in the image, nor in a dir the image or entrypoint creates", k, v)
		}
	}
	for _, m := range regexp.MustCompile(`"\$CORESCOPE_APP_DIR/([^"]+)"`).FindAllStringSubmatch(entry, -1) {
		if p := path.Join(vars["CORESCOPE_APP_DIR"], m[1]); img.files[p] == "" {
			t.Errorf("entrypoint runs %s, which the image does not contain", p)
		}
	}
	if strings.Contains(entry, "exec supervisord") && !img.apt["/usr/bin/supervisord"] {
		t.Errorf("entrypoint execs supervisord but the supervisor package is not installed")
	}

	exported := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^export ((?:[A-Z_]+\s*\\?\s*)+)`).FindAllStringSubmatch(entry, -1) {
		for _, name := range strings.Fields(strings.ReplaceAll(m[1], "\\", " ")) {
			exported[name] = true
		}
	}
	sup, err := os.ReadFile(filepath.Join(root, "docker/supervisord.conf"))
	if err != nil {
		t.Fatal(err)
	}
	envRef := regexp.MustCompile(`%\(ENV_(\w+)\)s`)
	for _, m := range envRef.FindAllStringSubmatch(string(sup), -1) {
		if !exported[m[1]] {
			t.Errorf("supervisord.conf reads ENV_%s, which entrypoint.sh does not export", m[1])
		}
	}
	for _, line := range strings.Split(string(sup), "\n") {
		key, val, ok := strings.Cut(line, "=")
		if !ok || (key != "command" && key != "directory") {
			continue
		}
		val = envRef.ReplaceAllStringFunc(val, func(s string) string { return vars[envRef.FindStringSubmatch(s)[1]] })
		for i, word := range strings.Fields(val) {
			// The program itself must be in the image; arguments may name files made at run time.
			if strings.HasPrefix(word, "/") && !img.has(word) && (i == 0 || !img.writable(word)) {
				t.Errorf("supervisord.conf %s uses %s, which is not in the image", key, word)
			}
		}
	}
	checkMosquittoPaths(t, root, img)
	checkVendorFiles(t, root, img)
}

func countPrefix(m map[string]string, prefix string) int {
	n := 0
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			n++
		}
	}
	return n
}

// entrypointDirs lists the directories the entrypoint creates itself (mkdir -p "$VAR" ...),
// resolved with its defaults.
func entrypointDirs(entry string, vars map[string]string) []string {
	var out []string
	for _, line := range regexp.MustCompile(`mkdir -p ([^\n]+)`).FindAllStringSubmatch(entry, -1) {
		for _, m := range regexp.MustCompile(`"\$(\w+)"`).FindAllStringSubmatch(line[1], -1) {
			if v := vars[m[1]]; v != "" {
				out = append(out, path.Clean(v))
			}
		}
	}
	return out
}

// checkMosquittoPaths: the broker's persistence dir exists in the image.
func checkMosquittoPaths(t *testing.T, root string, img *imageList) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "docker/mosquitto.conf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if dir, ok := strings.CutPrefix(line, "persistence_location "); ok && !img.dirs[path.Clean(dir)] {
			t.Errorf("mosquitto.conf persists to %s, which the image does not create", dir)
		}
	}
}

// checkVendorFiles: every /vendor/<pkg>/<file> the UI loads, and every package the server
// allow-lists, is an npm package the image installs, and the file is in that package.
func checkVendorFiles(t *testing.T, root string, img *imageList) {
	t.Helper()
	for _, pkg := range web.DefaultVendorPackages {
		if !img.npm[pkg] {
			t.Errorf("the server serves /vendor/%s/ but the image's node_modules lacks it (a devDependency?)", pkg)
		}
	}
	ref := regexp.MustCompile(`vendor/((?:@[A-Za-z0-9._-]+/)?[A-Za-z0-9._-]+)/([A-Za-z0-9._/-]+)`) // npm names may be scoped (@scope/name)
	seen := 0
	_ = filepath.WalkDir(filepath.Join(root, "public"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range ref.FindAllStringSubmatch(string(b), -1) {
			seen++
			if !img.npm[m[1]] {
				t.Errorf("%s loads vendor/%s/%s but the image does not install %s", p, m[1], m[2], m[1])
			} else if _, err := os.Stat(filepath.Join(root, "node_modules", m[1], m[2])); err != nil {
				t.Errorf("%s loads vendor/%s/%s, which package %s does not contain", p, m[1], m[2], m[1])
			}
		}
		return nil
	})
	if seen == 0 {
		t.Errorf("found no /vendor/ references in public/; the check would prove nothing")
	}
}
