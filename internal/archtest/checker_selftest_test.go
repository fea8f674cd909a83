package archtest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestScan_SeesViolations proves the scanner finds a forbidden import in a synthetic tree, so the
// layering tests above can actually fail.
func TestScan_SeesViolations(t *testing.T) {
	root := t.TempDir()
	write := func(rel, body string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module "+module+"\n")
	write("internal/store/bad.go", "package store\n\nimport _ \""+module+"/internal/ingest\"\n\nconst q = \"INSERT INTO nodes VALUES (1)\"\n")
	pkgs, files, _ := scan(t, root)
	p := pkgs["internal/store"]
	if p == nil || !p.prod[module+"/internal/ingest"] {
		t.Fatalf("got imports %v, want internal/store to import internal/ingest", p)
	}
	if _, ok := files["internal/store/bad.go"]; !ok {
		t.Fatalf("got files %v, want internal/store/bad.go listed", files)
	}
	if !writeSQL.MatchString("INSERT INTO nodes VALUES (1)") || writeSQL.MatchString("SELECT * FROM nodes WHERE updated = 1") {
		t.Fatalf("writeSQL pattern does not separate writes from reads")
	}
}
