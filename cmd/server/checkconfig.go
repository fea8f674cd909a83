package main

import (
	"fmt"
	"io"
	"os"

	"github.com/corescope/corescope/internal/config"
)

// checkConfigFile prints what the config linter finds in path (as `./manage.sh config-check`
// shows it) and returns the exit code: 1 when a finding is an error, else 0.
func checkConfigFile(w io.Writer, path string) int {
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(w, "%s: %v\n", path, err)
		return 1
	}
	code := 0
	fs := config.LintFile(path, os.LookupEnv)
	for _, f := range fs {
		fmt.Fprintln(w, f)
		if f.Error {
			code = 1
		}
	}
	if len(fs) == 0 {
		fmt.Fprintf(w, "%s: no problems found\n", path)
	}
	return code
}
