package deploy_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// loadCompose loads a compose file the way `docker compose` does (compose-go: interpolation of
// ${VAR} from env, validation against the embedded compose-spec JSON schema, normalisation).
func loadCompose(t *testing.T, file string, env map[string]string) (*types.Project, error) {
	t.Helper()
	ctx := context.Background()
	details, err := loader.LoadConfigFiles(ctx, []string{file}, filepath.Dir(file))
	if err != nil {
		return nil, err
	}
	details.Environment = env
	return loader.LoadWithContext(ctx, *details)
}

func mustLoadCompose(t *testing.T, file string, env map[string]string) *types.ServiceConfig {
	t.Helper()
	p, err := loadCompose(t, file, env)
	if err != nil {
		t.Fatalf("%s does not validate against the compose spec: %v", filepath.Base(file), err)
	}
	svc, ok := p.Services["corescope"]
	if !ok || len(p.Services) != 1 {
		t.Fatalf("%s: got services %v, want exactly one named corescope", filepath.Base(file), p.ServiceNames())
	}
	return &svc
}

func publishedTargets(svc *types.ServiceConfig) map[uint32]string {
	out := map[uint32]string{}
	for _, p := range svc.Ports {
		out[p.Target] = p.Published
	}
	return out
}

// checkCommonService asserts what both compose files share: built from this repo's Dockerfile,
// data in ./data, restart policy, healthcheck on /api/healthz, the entrypoint's .env.
func checkCommonService(t *testing.T, root, name string, svc *types.ServiceConfig) {
	t.Helper()
	if svc.Build == nil || filepath.Clean(svc.Build.Context) != root {
		t.Errorf("%s: build context %+v, want the repo root %s", name, svc.Build, root)
	}
	if svc.Image != "corescope:latest" {
		t.Errorf("%s: image %q, want corescope:latest when CORESCOPE_IMAGE is unset", name, svc.Image)
	}
	if svc.Restart != "unless-stopped" {
		t.Errorf("%s: restart %q, want unless-stopped", name, svc.Restart)
	}
	if svc.ContainerName != "corescope" {
		t.Errorf("%s: container_name %q, want corescope (manage.sh's default CORESCOPE_CONTAINER)", name, svc.ContainerName)
	}
	dataMounted := false
	for _, v := range svc.Volumes {
		if v.Target == "/app/data" && v.Source == filepath.Join(root, "data") {
			dataMounted = true
		}
	}
	if !dataMounted {
		t.Errorf("%s: ./data is not mounted at /app/data (the image's data volume): %+v", name, svc.Volumes)
	}
	if svc.HealthCheck == nil || !strings.Contains(strings.Join(svc.HealthCheck.Test, " "), "/api/healthz") {
		t.Errorf("%s: healthcheck %+v does not hit /api/healthz", name, svc.HealthCheck)
	}
	envFileOK := false
	for _, f := range svc.EnvFiles {
		if f.Path == filepath.Join(root, "data", ".env") && !f.Required {
			envFileOK = true
		}
	}
	if !envFileOK {
		t.Errorf("%s: env_file %+v, want data/.env (optional)", name, svc.EnvFiles)
	}
	ports := publishedTargets(svc)
	if ports[80] != "80" || ports[443] != "443" {
		t.Errorf("%s: got ports %v, want Caddy's 80 and 443 published", name, ports)
	}
}

// TestCompose_FilesValidateAgainstSpec loads both compose files with compose-go, the library
// `docker compose` itself uses, so a key the compose spec does not know or a malformed value fails
// here rather than on an operator's machine.
func TestCompose_FilesValidateAgainstSpec(t *testing.T) {
	root := repoRoot(t)

	main := filepath.Join(root, "docker-compose.yml")
	svc := mustLoadCompose(t, main, map[string]string{})
	checkCommonService(t, root, "docker-compose.yml", svc)
	if got := publishedTargets(svc)[1883]; got != "1883" {
		t.Errorf("docker-compose.yml: MQTT port 1883 published as %q, want 1883", got)
	}
	svc = mustLoadCompose(t, main, map[string]string{"HTTP_PORT": "8080", "MQTT_PORT": "1884", "CORESCOPE_IMAGE": "ghcr.io/example/corescope:1.0.0"})
	if p := publishedTargets(svc); p[80] != "8080" || p[1883] != "1884" {
		t.Errorf("docker-compose.yml: HTTP_PORT/MQTT_PORT not honoured: %v", p)
	}
	if svc.Image != "ghcr.io/example/corescope:1.0.0" {
		t.Errorf("docker-compose.yml: CORESCOPE_IMAGE not honoured: %q", svc.Image)
	}

	ext := filepath.Join(root, "docker-compose.external-broker.yml")
	svc = mustLoadCompose(t, ext, map[string]string{"MQTT_BROKER": "tcp://mqtt.example.org:1883"})
	checkCommonService(t, root, "docker-compose.external-broker.yml", svc)
	if _, published := publishedTargets(svc)[1883]; published {
		t.Errorf("external-broker: port 1883 is published but the built-in broker is off")
	}
	env := svc.Environment
	if v := env["DISABLE_MOSQUITTO"]; v == nil || *v != "true" {
		t.Errorf("external-broker: DISABLE_MOSQUITTO = %v, want true", v)
	}
	if v := env["MQTT_BROKER"]; v == nil || *v != "tcp://mqtt.example.org:1883" {
		t.Errorf("external-broker: MQTT_BROKER = %v, want the value from the environment", v)
	}
	if _, err := loadCompose(t, ext, map[string]string{}); err == nil || !strings.Contains(err.Error(), "MQTT_BROKER") {
		t.Errorf("external-broker without MQTT_BROKER: got %v, want an error naming MQTT_BROKER", err)
	}
}

// TestCompose_InvalidFileIsRejected proves the validation above can fail: the shipped compose file
// with one key the spec does not define must not load.
func TestCompose_InvalidFileIsRejected(t *testing.T) {
	root := repoRoot(t)
	b, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	good := string(b)
	anchor := "    restart: unless-stopped\n"
	if !strings.Contains(good, anchor) {
		t.Fatalf("docker-compose.yml has no line %q to put the bad key beside", anchor)
	}
	cases := map[string]string{
		"unknown service key": strings.Replace(good, anchor, anchor+"    restart_policy_typo: always\n", 1),
		"bad restart type":    strings.Replace(good, anchor, "    restart: [always]\n", 1),
		"bad port":            strings.Replace(good, `"${MQTT_PORT:-1883}:1883"`, `"1883:not-a-port"`, 1),
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			if text == good {
				t.Fatal("the mutation did not change the file")
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "docker-compose.yml")
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := loadCompose(t, file, map[string]string{}); err == nil {
				t.Fatalf("a compose file with a %s loaded without error", name)
			} else {
				t.Logf("rejected as expected: %v", err)
			}
		})
	}
}
