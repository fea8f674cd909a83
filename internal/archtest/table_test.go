package archtest

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// realGraph returns, per table entry, the internal packages it imports from non-test
// files (nested packages folded into their entry, self-imports dropped).
func realGraph(t *testing.T) map[string]map[string]bool {
	t.Helper()
	pkgs, _, _ := scan(t, repoRoot(t))
	g := map[string]map[string]bool{}
	for dir, p := range pkgs {
		top := topPackage(dir)
		for imp := range p.prod {
			target, ok := internalPath(imp)
			if !ok || topPackage(target) == top {
				continue
			}
			if g[top] == nil {
				g[top] = map[string]bool{}
			}
			g[top][topPackage(target)] = true
		}
	}
	return g
}

// TestImports_NoUnusedAllowedEdge: every edge the table allows is one the code has, so
// the table is the real import graph and a new edge is a reviewed one-line change.
func TestImports_NoUnusedAllowedEdge(t *testing.T) {
	g := realGraph(t)
	for pkg, allowed := range allowedInternal {
		for _, target := range allowed {
			if !g[pkg][target] {
				t.Errorf("the layer table allows %s → %s, which no non-test file imports: remove it here and in AGENTS.md", pkg, target)
			}
		}
	}
}

// tableRow matches one row of AGENTS.md's layer table: | `pkg` | job | may import | third-party |.
var tableRow = regexp.MustCompile("^\\| `([a-z/]+)` \\|.*\\| ([^|]*) \\| [^|]* \\|$")

// agentsTable parses AGENTS.md's "May import (internal)" column: entry → allowed
// entries, with bare names ("store") read as internal/store and "proto" as proto.
func agentsTable(t *testing.T) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "AGENTS.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, line := range strings.Split(string(b), "\n") {
		m := tableRow.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		pkg := strings.TrimSuffix(m[1], "/")
		if !strings.HasPrefix(pkg, "internal/") && pkg != "proto" {
			continue // cmd/*: wiring, may import anything
		}
		cell := regexp.MustCompile(`\([^)]*\)`).ReplaceAllString(m[2], "") // drop "(why)" notes
		var deps []string
		for _, name := range strings.Split(cell, ",") {
			name = strings.TrimSpace(name)
			if name == "" || strings.HasPrefix(name, "—") || name == "anything" {
				continue
			}
			if name != "proto" {
				name = "internal/" + name
			}
			deps = append(deps, name)
		}
		sort.Strings(deps)
		out[pkg] = deps
	}
	return out
}

// TestAgentsTable_MatchesAllowList: AGENTS.md's layer table and allowedInternal list the
// same packages with the same allowed imports.
func TestAgentsTable_MatchesAllowList(t *testing.T) {
	doc := agentsTable(t)
	for pkg, allowed := range allowedInternal {
		if pkg == "internal/archtest" {
			continue // tests only, not a layer
		}
		want := append([]string(nil), allowed...)
		sort.Strings(want)
		got, ok := doc[pkg]
		if !ok {
			t.Errorf("AGENTS.md's layer table has no row for %s", pkg)
			continue
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: AGENTS.md allows %v, internal/archtest allows %v", pkg, got, want)
		}
	}
	for pkg := range doc {
		if _, ok := allowedInternal[pkg]; !ok && pkg != "internal/testutil" {
			t.Errorf("AGENTS.md's layer table has %s, which internal/archtest does not list", pkg)
		}
	}
}
