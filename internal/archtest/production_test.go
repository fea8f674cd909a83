package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestImports_NoHTTPTestInProduction: net/http/httptest is a test tool. Production code
// that records responses to reuse them (the old analytics recompute did) should call the
// computation directly instead. Only tests and internal/testutil may import it.
func TestImports_NoHTTPTestInProduction(t *testing.T) {
	pkgs, _, _ := scan(t, repoRoot(t))
	for dir, p := range pkgs {
		if topPackage(dir) == "internal/testutil" {
			continue
		}
		if p.prod["net/http/httptest"] {
			t.Errorf("%s imports net/http/httptest from a non-test file", dir)
		}
	}
}

// TestGC_FreeOSMemoryOnlyInCmd: returning memory to the OS is process-wide GC tuning,
// which belongs to cmd/* (a library calling it stalls every goroutine of its host).
func TestGC_FreeOSMemoryOnlyInCmd(t *testing.T) {
	root := repoRoot(t)
	for _, rel := range prodFiles(t, root) {
		if strings.HasPrefix(rel, "cmd/") {
			continue
		}
		forEachCall(t, root, rel, func(pos token.Position, pkg, name string) {
			if pkg == "runtime/debug" && name == "FreeOSMemory" {
				t.Errorf("%s: debug.FreeOSMemory outside cmd/*", pos)
			}
		})
	}
}

// analyticsHelpers are the computation helpers internal/api used to keep for itself;
// they live in internal/analytics now (exported where api still needs them).
var analyticsHelpers = map[string]bool{"describe": true, "histogram": true, "hopList": true, "haversineKm": true,
	"median": true, "slopePerDay": true, "skewSeverity": true, "countSubpaths": true, "computedStats": true}

// TestAPI_NoComputations: internal/api parses the query, calls internal/analytics and
// writes JSON. A compute* function or one of the old helpers in it means a computation
// written as an HTTP handler again (issue #17).
func TestAPI_NoComputations(t *testing.T) {
	root := repoRoot(t)
	fset := token.NewFileSet()
	for _, rel := range prodFiles(t, root) {
		if !strings.HasPrefix(rel, "internal/api/") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(root, rel), nil, 0)
		if err != nil {
			t.Fatalf("parse %s: %v", rel, err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if name := fd.Name.Name; strings.HasPrefix(strings.ToLower(name), "compute") || analyticsHelpers[name] {
				t.Errorf("%s: func %s in internal/api: computations belong in internal/analytics", fset.Position(fd.Pos()), name)
			}
		}
	}
}

// prodFiles lists the repo's non-test Go files (relative, slash-separated), sorted.
func prodFiles(t *testing.T, root string) []string {
	t.Helper()
	_, files, _ := scan(t, root)
	var out []string
	for rel := range files {
		if !strings.HasSuffix(rel, "_test.go") {
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}

// forEachCall reports every pkg.Name selector of an imported package in one file,
// with the package's import path (aliases resolved).
func forEachCall(t *testing.T, root, rel string, fn func(pos token.Position, pkg, name string)) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(root, rel), nil, 0)
	if err != nil {
		t.Fatalf("parse %s: %v", rel, err)
	}
	names := map[string]string{}
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		n := p[strings.LastIndex(p, "/")+1:]
		if imp.Name != nil {
			n = imp.Name.Name
		}
		names[n] = p
	}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok && names[id.Name] != "" {
			fn(fset.Position(sel.Pos()), names[id.Name], sel.Sel.Name)
		}
		return true
	})
}
