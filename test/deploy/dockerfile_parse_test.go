package deploy_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dfInstr is one Dockerfile instruction after joining continuation lines.
type dfInstr struct {
	line  int               // 1-based line of its first physical line
	op    string            // upper-case keyword
	flags map[string]string // --name=value flags before the arguments
	args  []string          // remaining whitespace-separated words
	raw   string            // the joined text after the keyword
}

// dfStage is one FROM … [AS name] block.
type dfStage struct {
	name, base, platform string
	instrs               []dfInstr
}

// parseDockerfile splits a Dockerfile into stages of instructions: comments dropped, lines ending
// in a backslash joined, leading --flags separated from the arguments. It knows only the syntax
// our Dockerfile uses (no heredocs, no JSON-form COPY).
func parseDockerfile(text string) ([]dfStage, error) {
	var stages []dfStage
	var buf []string
	start := 0
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		joined := strings.Join(buf, " ")
		buf = nil
		f := strings.Fields(joined)
		in := dfInstr{line: start, op: strings.ToUpper(f[0]), flags: map[string]string{}}
		in.raw = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(joined), f[0]))
		rest := f[1:]
		for len(rest) > 0 && strings.HasPrefix(rest[0], "--") {
			k, v, _ := strings.Cut(strings.TrimPrefix(rest[0], "--"), "=")
			in.flags[k] = v
			rest = rest[1:]
		}
		in.args = rest
		if in.op == "FROM" {
			st := dfStage{platform: in.flags["platform"]}
			if len(rest) == 0 {
				return fmt.Errorf("line %d: FROM without an image", start)
			}
			st.base = rest[0]
			if len(rest) >= 3 && strings.EqualFold(rest[1], "AS") {
				st.name = rest[2]
			}
			stages = append(stages, st)
			return nil
		}
		if len(stages) == 0 {
			if in.op == "ARG" {
				return nil // global ARG before the first FROM
			}
			return fmt.Errorf("line %d: %s before the first FROM", start, in.op)
		}
		last := &stages[len(stages)-1]
		last.instrs = append(last.instrs, in)
		return nil
	}
	for n, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if len(buf) == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if len(buf) > 0 && strings.HasPrefix(trimmed, "#") {
			continue // comment inside a continued instruction
		}
		if len(buf) == 0 {
			start = n + 1
		}
		if strings.HasSuffix(trimmed, "\\") {
			buf = append(buf, strings.TrimSuffix(trimmed, "\\"))
			continue
		}
		buf = append(buf, trimmed)
		if err := flush(); err != nil {
			return nil, err
		}
	}
	if len(buf) > 0 {
		return nil, fmt.Errorf("Dockerfile ends inside a continued line")
	}
	return stages, nil
}

func readDockerfile(t *testing.T, root string) []dfStage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	stages, err := parseDockerfile(string(b))
	if err != nil {
		t.Fatalf("parse Dockerfile: %v", err)
	}
	return stages
}

// stageNamed returns the stage called name, or nil.
func stageNamed(stages []dfStage, name string) *dfStage {
	for i := range stages {
		if stages[i].name == name {
			return &stages[i]
		}
	}
	return nil
}
