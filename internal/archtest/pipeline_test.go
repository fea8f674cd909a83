package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestImports_IngestPipelineServesNoHTTP: internal/ingest is the message pipeline
// (message → rows, maintenance jobs); the ingestor's HTTP endpoints live in
// internal/ingesthttp and cmd/ingestor, so the pipeline never imports net/http.
func TestImports_IngestPipelineServesNoHTTP(t *testing.T) {
	pkgs, _, _ := scan(t, repoRoot(t))
	for dir, p := range pkgs {
		if topPackage(dir) == "internal/ingest" && p.prod["net/http"] {
			t.Errorf("%s imports net/http from a non-test file: serve HTTP from internal/ingesthttp", dir)
		}
	}
}

// TestIngest_DocIsShortAndMaintenanceIsGrouped: a newcomer reads internal/ingest's
// doc.go (at most ten lines of package comment) and finds every maintenance job in a
// maint_*.go file, not spread across the message pipeline's files.
func TestIngest_DocIsShortAndMaintenanceIsGrouped(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "internal", "ingest")
	fset := token.NewFileSet()
	doc, err := parser.ParseFile(fset, filepath.Join(dir, "doc.go"), nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Doc == nil {
		t.Fatal("internal/ingest/doc.go has no package comment")
	}
	if n := len(strings.Split(strings.TrimSpace(doc.Doc.Text()), "\n")); n > 10 {
		t.Errorf("internal/ingest/doc.go package comment is %d lines; keep it to ten and move details next to the code", n)
	}
	// The maintenance jobs by the function that runs each.
	jobs := map[string]bool{"scheduler": true, "runRetention": true, "prunePackets": true, "pruneNodes": true,
		"incrementalVacuum": true, "checkpoint": true, "flushEdges": true, "processPruneRequests": true,
		"repairLegacyHashes": true}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || !jobs[fn.Name.Name] {
				continue
			}
			delete(jobs, fn.Name.Name)
			if base := filepath.Base(path); !strings.HasPrefix(base, "maint_") {
				t.Errorf("maintenance job %s is in %s; it belongs in a maint_*.go file", fn.Name.Name, base)
			}
		}
	}
	for name := range jobs {
		t.Errorf("maintenance job %s not found in internal/ingest", name)
	}
}
