package deploy_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// workflow holds the parts of a GitHub Actions workflow the release checks read.
type workflow struct {
	On struct {
		Push struct {
			Tags     []string `yaml:"tags"`
			Branches []string `yaml:"branches"`
		} `yaml:"push"`
	} `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Env         map[string]string `yaml:"env"`
	Jobs        map[string]struct {
		Steps []struct {
			Uses string            `yaml:"uses"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

type step = struct {
	Uses string
	With map[string]string
}

// releaseSteps returns every step of every job, keyed by action name without its version.
func releaseSteps(t *testing.T, wf *workflow) map[string]step {
	t.Helper()
	out := map[string]step{}
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			name, _, _ := strings.Cut(s.Uses, "@")
			out[name] = step{Uses: s.Uses, With: s.With}
		}
	}
	return out
}

// TestRelease_WorkflowBuildsMultiArchOnTag parses .github/workflows/release.yml so the release
// recipe cannot rot unnoticed: it runs on v* tags only, sets up QEMU and buildx, logs in with the
// built-in token, and pushes one image for linux/amd64 and linux/arm64 built from this Dockerfile
// under tags derived from the git tag.
func TestRelease_WorkflowBuildsMultiArchOnTag(t *testing.T) {
	root := repoRoot(t)
	b, err := os.ReadFile(filepath.Join(root, ".github/workflows/release.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatalf("release.yml is not valid YAML for a workflow: %v", err)
	}
	if !slices.Equal(wf.On.Push.Tags, []string{"v*"}) || len(wf.On.Push.Branches) != 0 {
		t.Errorf("trigger: tags %v branches %v, want push of tags v* only", wf.On.Push.Tags, wf.On.Push.Branches)
	}
	if wf.Permissions["packages"] != "write" {
		t.Errorf("permissions %v: the built-in token needs packages: write to push", wf.Permissions)
	}
	if img := wf.Env["IMAGE"]; !strings.Contains(img, "github.repository_owner") || !strings.Contains(img, "/corescope") {
		t.Errorf("IMAGE %q: want ghcr.io/<repository owner>/corescope (configurable), not a fixed name", img)
	}
	steps := releaseSteps(t, &wf)
	for _, want := range []string{"actions/checkout", "docker/setup-qemu-action", "docker/setup-buildx-action", "docker/login-action", "docker/metadata-action", "docker/build-push-action"} {
		if _, ok := steps[want]; !ok {
			t.Errorf("no step uses %s", want)
		}
	}
	login := steps["docker/login-action"].With
	if login["registry"] != "ghcr.io" || !strings.Contains(login["password"], "secrets.GITHUB_TOKEN") {
		t.Errorf("login %v: want ghcr.io with the built-in GITHUB_TOKEN", login)
	}
	meta := steps["docker/metadata-action"].With
	if !strings.Contains(meta["images"], "env.IMAGE") || !strings.Contains(meta["tags"], "type=semver") {
		t.Errorf("metadata %v: want the IMAGE env and semver tags from the git tag", meta)
	}
	build := steps["docker/build-push-action"].With
	platforms := strings.Split(strings.ReplaceAll(build["platforms"], " ", ""), ",")
	slices.Sort(platforms)
	if !slices.Equal(platforms, []string{"linux/amd64", "linux/arm64"}) {
		t.Errorf("platforms %q, want linux/amd64,linux/arm64", build["platforms"])
	}
	if build["push"] != "true" || !strings.Contains(build["tags"], "steps.meta.outputs.tags") {
		t.Errorf("build-push %v: want push: true with the metadata step's tags", build)
	}
	if _, err := os.Stat(filepath.Join(root, build["context"], build["file"])); err != nil {
		t.Errorf("build context %q file %q: %v", build["context"], build["file"], err)
	}
	for _, arg := range []string{"APP_VERSION=", "GIT_COMMIT="} {
		if !strings.Contains(build["build-args"], arg) {
			t.Errorf("build-args %q lack %s (the Dockerfile's version ldflags)", build["build-args"], arg)
		}
	}
}
