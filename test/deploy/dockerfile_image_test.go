package deploy_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// aptBinaries lists, per Debian package the runtime stage installs, the executables our files
// call (checked against `dpkg -L` on bookworm).
var aptBinaries = map[string][]string{
	"mosquitto":         {"/usr/sbin/mosquitto"},
	"mosquitto-clients": {"/usr/bin/mosquitto_sub", "/usr/bin/mosquitto_pub"},
	"sqlite3":           {"/usr/bin/sqlite3"},
	"supervisor":        {"/usr/bin/supervisord", "/usr/bin/supervisorctl"},
	"caddy":             {"/usr/bin/caddy"},
	"wget":              {"/usr/bin/wget"},
}

// imageList is what a dry run of the Dockerfile says the final image holds.
type imageList struct {
	files map[string]string // image path → where it comes from
	dirs  map[string]bool   // directories created empty (mkdir, WORKDIR, VOLUME)
	apt   map[string]bool   // executables from apt packages
	npm   map[string]bool   // package names under /app/node_modules
}

// has reports whether p is a listed file, a directory holding listed files, or a created dir.
func (l *imageList) has(p string) bool {
	p = path.Clean(p)
	if l.files[p] != "" || l.dirs[p] || l.apt[p] {
		return true
	}
	for f := range l.files {
		if strings.HasPrefix(f, p+"/") {
			return true
		}
	}
	return false
}

// writable reports whether p is a path the container may create at run time: in a created dir.
func (l *imageList) writable(p string) bool { return l.dirs[path.Dir(path.Clean(p))] }

// prodNpmPackages returns the package names `npm ci --omit=dev` installs, from package-lock.json.
func prodNpmPackages(t *testing.T, root string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct {
			Dev bool `json:"dev"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(b, &lock); err != nil {
		t.Fatalf("package-lock.json: %v", err)
	}
	var out []string
	for k, v := range lock.Packages {
		if name, ok := strings.CutPrefix(k, "node_modules/"); ok && !v.Dev && !strings.Contains(name, "/node_modules/") {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

var goBuildOut = regexp.MustCompile(`go build\b[^&]*?-o\s+(\S+)\s+(\./\S+)`)

// stageOutputs lists what a build stage produces, checking that what it builds is in the repo and
// was copied into that stage.
func stageOutputs(t *testing.T, root string, st *dfStage) map[string]string {
	t.Helper()
	out := map[string]string{}
	copied := map[string]bool{}
	workdir := "/"
	for _, in := range st.instrs {
		switch in.op {
		case "WORKDIR":
			workdir = in.args[0]
		case "COPY":
			for _, src := range in.args[:len(in.args)-1] {
				copied[path.Clean(src)] = true
			}
		case "RUN":
			for _, m := range goBuildOut.FindAllStringSubmatch(in.raw, -1) {
				pkg := path.Clean(m[2])
				top := strings.SplitN(pkg, "/", 2)[0]
				if !copied[top] {
					t.Errorf("stage %s: go build %s but %s/ is not copied into the stage", st.name, m[2], top)
				}
				if _, err := os.Stat(filepath.Join(root, pkg)); err != nil {
					t.Errorf("stage %s: go build %s: no such package in the repo", st.name, m[2])
				}
				out[m[1]] = "go build " + m[2]
			}
			if strings.Contains(in.raw, "npm ci") {
				if !copied["package.json"] || !copied["package-lock.json"] {
					t.Errorf("stage %s: npm ci without package.json and package-lock.json copied in", st.name)
				}
				if !strings.Contains(in.raw, "--omit=dev") {
					t.Errorf("stage %s: npm ci installs devDependencies into the image", st.name)
				}
				for _, name := range prodNpmPackages(t, root) {
					out[path.Join(workdir, "node_modules", name)] = "npm ci " + name
				}
			}
		}
	}
	return out
}

// dryRunImage lists the final stage's contents from its COPY lines (context files walked, build
// stage outputs), its mkdir/WORKDIR/VOLUME dirs and its apt packages' executables.
func dryRunImage(t *testing.T, root string, stages []dfStage) *imageList {
	t.Helper()
	final := &stages[len(stages)-1]
	l := &imageList{files: map[string]string{}, dirs: map[string]bool{}, apt: map[string]bool{}, npm: map[string]bool{}}
	for _, in := range final.instrs {
		switch in.op {
		case "WORKDIR":
			l.dirs[in.args[0]] = true
		case "VOLUME":
			for _, d := range regexp.MustCompile(`"([^"]+)"`).FindAllStringSubmatch(in.raw, -1) {
				l.dirs[d[1]] = true
			}
		case "RUN":
			if m := regexp.MustCompile(`mkdir -p ([^&;]+)`).FindStringSubmatch(in.raw); m != nil {
				for _, d := range strings.Fields(m[1]) {
					l.dirs[d] = true
				}
			}
			if m := regexp.MustCompile(`apt-get install ([^&;]+)`).FindStringSubmatch(in.raw); m != nil {
				for _, p := range strings.Fields(m[1]) {
					for _, bin := range aptBinaries[p] {
						l.apt[bin] = true
					}
				}
			}
		case "COPY":
			srcs, dest := in.args[:len(in.args)-1], in.args[len(in.args)-1]
			into := func(src string) string {
				if len(srcs) > 1 || strings.HasSuffix(dest, "/") {
					return path.Join(dest, path.Base(src))
				}
				return dest
			}
			if from := in.flags["from"]; from != "" {
				st := stageNamed(stages, from)
				if st == nil {
					t.Errorf("Dockerfile:%d: COPY --from=%s names no stage", in.line, from)
					continue
				}
				outs := stageOutputs(t, root, st)
				for _, src := range srcs {
					matched := false
					for o, origin := range outs {
						if o == src {
							l.files[into(src)], matched = origin, true
						} else if rel, ok := strings.CutPrefix(o, src+"/"); ok {
							l.files[path.Join(into(src), rel)], matched = origin, true
							if strings.HasPrefix(origin, "npm ci ") {
								l.npm[strings.TrimPrefix(origin, "npm ci ")] = true
							}
						}
					}
					if !matched {
						t.Errorf("Dockerfile:%d: COPY --from=%s %s: stage %s produces no such path (it makes %v)", in.line, from, src, from, outs)
					}
				}
				continue
			}
			for _, src := range srcs {
				abs := filepath.Join(root, src)
				info, err := os.Stat(abs)
				if err != nil {
					t.Errorf("Dockerfile:%d: COPY source %s does not exist in the build context", in.line, src)
					continue
				}
				if !info.IsDir() {
					l.files[into(src)] = src
					continue
				}
				_ = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						rel, _ := filepath.Rel(abs, p)
						l.files[path.Join(into(src), filepath.ToSlash(rel))] = path.Join(src, filepath.ToSlash(rel))
					}
					return err
				})
			}
		}
	}
	return l
}
