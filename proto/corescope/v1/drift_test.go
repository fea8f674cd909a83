package corescopev1

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGenerated_MatchesProto regenerates api.pb.go from api.proto with protoc and
// protoc-gen-go and fails when the committed file differs (run `go generate ./proto/`).
// It needs both tools on PATH (or protoc-gen-go in $GOPATH/bin) and skips otherwise.
func TestGenerated_MatchesProto(t *testing.T) {
	protoc, err := exec.LookPath("protoc")
	if err != nil {
		skipOrFail(t, "protoc not installed (apt-get install protobuf-compiler)")
	}
	path := os.Getenv("PATH")
	if gp, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		path += string(os.PathListSeparator) + filepath.Join(string(bytes.TrimSpace(gp)), "bin")
	}
	if _, err := exec.LookPath("protoc-gen-go"); err != nil {
		found := false
		for _, dir := range filepath.SplitList(path) {
			if _, err := os.Stat(filepath.Join(dir, "protoc-gen-go")); err == nil {
				found = true
			}
		}
		if !found {
			skipOrFail(t, "protoc-gen-go not installed (go install google.golang.org/protobuf/cmd/protoc-gen-go)")
		}
	}
	out := t.TempDir()
	cmd := exec.Command(protoc, "--go_out="+out, "--go_opt=paths=source_relative", "corescope/v1/api.proto")
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "PATH="+path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("protoc: %v\n%s", err, b)
	}
	got, err := os.ReadFile(filepath.Join(out, "corescope", "v1", "api.pb.go"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("api.pb.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("api.pb.go is stale: run `go generate ./proto/` and commit the result")
	}
}

// skipOrFail skips locally but fails in CI, where ./manage.sh test installs both tools.
func skipOrFail(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(why)
	}
	t.Skip(why)
}
