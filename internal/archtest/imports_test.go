package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/corescope/corescope"

// allowedInternal mirrors the layer-boundaries table in AGENTS.md: which internal packages each
// package may import from non-test files. It is the real import graph, no wider
// (TestImports_NoUnusedAllowedEdge), and equal to the table (TestAgentsTable_MatchesAllowList):
// a new edge is a one-line change here and in AGENTS.md.
var allowedInternal = map[string][]string{
	"internal/meshcore":    {},
	"internal/hops":        {},
	"internal/channelkeys": {"internal/meshcore"},
	"internal/config":      {},
	"internal/schema":      {},
	"internal/statsfile":   {},
	"internal/sidechannel": {},
	"internal/mqttsource":  {},
	"internal/web":         {},
	"internal/version":     {},
	"internal/metrics":     {},
	"internal/apikey":      {},
	"internal/alerts":      {"internal/statsfile"},
	"internal/storage":     {},
	"internal/ingest":      {"internal/meshcore", "internal/hops", "internal/schema", "internal/statsfile", "internal/sidechannel"},
	"internal/ingesthttp":  {"internal/ingest", "internal/apikey"},
	"internal/store":       {"internal/hops", "internal/storage"},
	"internal/analytics":   {"internal/store", "internal/hops", "internal/meshcore", "internal/cache"},
	"internal/live":        {},
	"internal/api": {"internal/store", "internal/analytics", "internal/live", "internal/storage",
		"internal/statsfile", "internal/meshcore", "internal/hops", "internal/version", "internal/metrics", "internal/apikey", "internal/knownchannels", "internal/cache",
		"internal/sidechannel", "internal/schema"},
	"internal/meshsim":  {"internal/meshcore"},
	"proto":             {},
	"internal/archtest": {},

	// the known-channels catalogue behind /api/known-channels (no internal imports)
	"internal/knownchannels": {},

	// the one response-cache type (single-flight, stale-while-revalidate, LRU)
	"internal/cache": {},
}

// readSide packages serve reads; they must never reach the write side.
var readSide = []string{"internal/storage", "internal/store", "internal/analytics", "internal/live", "internal/api", "internal/web"}
var writeSide = []string{"internal/ingest", "internal/ingesthttp", "internal/mqttsource"}

// thirdPartyHome names the only packages (besides cmd/*, testutil and tests) that may import each library.
var thirdPartyHome = map[string][]string{
	"github.com/eclipse/paho.mqtt.golang": {"internal/mqttsource"},
	"modernc.org/sqlite":                  {"internal/schema"},
	"github.com/gorilla/websocket":        {"internal/live"},
	"github.com/getkin/kin-openapi":       {"internal/api"},
	"google.golang.org/protobuf":          {"proto", "internal/api"},
	"github.com/prometheus/client_golang": {"internal/metrics"},
	"github.com/hashicorp/golang-lru":     {"internal/cache"},
	"golang.org/x/sync/singleflight":      {"internal/cache"},
}

type pkgImports struct {
	prod map[string]bool // imports from non-test files
	test map[string]bool
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatalf("abs: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repo root not found at %s: %v", root, err)
	}
	return root
}

// scan parses every Go file below the repo root (except node_modules and testdata) once.
func scan(t *testing.T, root string) (map[string]*pkgImports, map[string]*ast.File, *token.FileSet) {
	t.Helper()
	fset := token.NewFileSet()
	pkgs := map[string]*pkgImports{}
	files := map[string]*ast.File{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "node_modules", "testdata", ".git", "bin", "data":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		p := pkgs[rel]
		if p == nil {
			p = &pkgImports{prod: map[string]bool{}, test: map[string]bool{}}
			pkgs[rel] = p
		}
		for _, imp := range f.Imports {
			ip, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasSuffix(path, "_test.go") {
				p.test[ip] = true
			} else {
				p.prod[ip] = true
			}
		}
		relFile, _ := filepath.Rel(root, path)
		files[filepath.ToSlash(relFile)] = nil
		return nil
	})
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	return pkgs, files, fset
}

func internalPath(imp string) (string, bool) {
	if imp == module {
		return "", true
	}
	if strings.HasPrefix(imp, module+"/") {
		return strings.TrimPrefix(imp, module+"/"), true
	}
	return "", false
}

// topPackage maps a nested package dir (proto/gen/x) to its table entry (proto).
func topPackage(dir string) string {
	parts := strings.Split(dir, "/")
	if parts[0] == "internal" && len(parts) > 1 {
		return "internal/" + parts[1]
	}
	return parts[0]
}

func TestImports_LayerDirection(t *testing.T) {
	pkgs, _, _ := scan(t, repoRoot(t))
	dirs := make([]string, 0, len(pkgs))
	for d := range pkgs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		top := topPackage(dir)
		for imp := range pkgs[dir].prod {
			target, ok := internalPath(imp)
			if !ok {
				continue
			}
			targetTop := topPackage(target)
			if targetTop == top {
				continue
			}
			if strings.HasPrefix(targetTop, "cmd") {
				t.Errorf("%s imports %s: nothing may import cmd/*", dir, imp)
				continue
			}
			if targetTop == "internal/testutil" {
				t.Errorf("%s imports %s from a non-test file: testutil is for tests only", dir, imp)
				continue
			}
			if targetTop == "internal/config" && !strings.HasPrefix(top, "cmd") {
				t.Errorf("%s imports internal/config: only cmd/* may (main maps config onto Options)", dir)
				continue
			}
			if strings.HasPrefix(top, "cmd") || top == "internal/testutil" {
				continue
			}
			allowed, known := allowedInternal[top]
			if !known {
				t.Errorf("package %s is not in the layer table (internal/archtest and AGENTS.md): add it", top)
				continue
			}
			if !contains(allowed, targetTop) {
				t.Errorf("%s imports %s, which the layer table does not allow (allowed: %v)", dir, targetTop, allowed)
			}
		}
	}
}

func TestImports_ReadSideNeverImportsWriteSide(t *testing.T) {
	pkgs, _, _ := scan(t, repoRoot(t))
	for dir, p := range pkgs {
		if !contains(readSide, topPackage(dir)) {
			continue
		}
		for imp := range p.prod {
			if target, ok := internalPath(imp); ok && contains(writeSide, topPackage(target)) {
				t.Errorf("read-side package %s imports write-side %s", dir, imp)
			}
		}
	}
}

func TestImports_ThirdPartyConfined(t *testing.T) {
	pkgs, _, _ := scan(t, repoRoot(t))
	for dir, p := range pkgs {
		top := topPackage(dir)
		if strings.HasPrefix(top, "cmd") || top == "internal/testutil" {
			continue
		}
		for imp := range p.prod {
			for lib, homes := range thirdPartyHome {
				if (imp == lib || strings.HasPrefix(imp, lib+"/")) && !contains(homes, top) {
					t.Errorf("%s imports %s; only %v may", dir, imp, homes)
				}
			}
		}
	}
}

// writeSQL matches statements that change a database. Only string literals are checked, so
// comments and identifiers never trip it.
var writeSQL = regexp.MustCompile(`(?i)\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|VIEW|TRIGGER)|DROP\s+(TABLE|INDEX|VIEW|TRIGGER)|ALTER\s+TABLE|REPLACE\s+INTO)\b` +
	"|(?i)^[\"`]\\s*VACUUM\\b")

func TestSQL_WritesOnlyInSchemaAndIngest(t *testing.T) {
	root := repoRoot(t)
	_, files, _ := scan(t, root)
	fset := token.NewFileSet()
	for rel := range files {
		if strings.HasSuffix(rel, "_test.go") {
			continue
		}
		top := topPackage(filepath.ToSlash(filepath.Dir(rel)))
		if top == "internal/schema" || top == "internal/ingest" || top == "internal/testutil" || top == "internal/archtest" {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(root, rel), nil, 0)
		if err != nil {
			t.Fatalf("parse %s: %v", rel, err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if m := writeSQL.FindString(lit.Value); m != "" {
				t.Errorf("%s: write SQL %q outside internal/schema and internal/ingest", fset.Position(lit.Pos()), m)
			}
			return true
		})
	}
}

func TestImports_TableCoversEveryPackage(t *testing.T) {
	pkgs, _, _ := scan(t, repoRoot(t))
	for dir := range pkgs {
		top := topPackage(dir)
		if strings.HasPrefix(top, "cmd") || top == "internal/testutil" || top == "." || top == "test" || top == "scripts" {
			continue
		}
		if _, ok := allowedInternal[top]; !ok {
			t.Errorf("package %s is missing from the layer table", dir)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
