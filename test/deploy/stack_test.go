package deploy_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/gorilla/websocket"
)

func requireTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not installed (manage.sh test installs it): %v", tool, err)
			}
			t.Skipf("%s not installed; run ./manage.sh test to install it", tool)
		}
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func goBuild(t *testing.T, root, out, pkg string) {
	t.Helper()
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
}

// mosquittoConf derives a broker config from docker/mosquitto.conf with a test port and
// persistence dir; everything else is the project's file as shipped.
func mosquittoConf(t *testing.T, root, dir string, port int) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, "docker/mosquitto.conf"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(src), "\n") {
		switch {
		case strings.HasPrefix(line, "listener "):
			line = fmt.Sprintf("listener %d 127.0.0.1", port)
		case strings.HasPrefix(line, "persistence_location "):
			line = "persistence_location " + dir + "/"
		}
		out = append(out, line)
	}
	// As root, mosquitto would switch to the mosquitto user and could not write our temp dir.
	if u, err := user.Current(); err == nil {
		out = append(out, "user "+u.Username)
	}
	path := filepath.Join(dir, "mosquitto.conf")
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func waitHTTP(t *testing.T, url string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var lastErr error
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
			lastErr = fmt.Errorf("status %d", resp.StatusCode)
		} else {
			lastErr = err
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("%s not ready after %v: %v", url, timeout, lastErr)
}

// TestStack_SupervisordMosquittoCaddy boots the image's process tree from the project's own
// config files, publishes a packet to the broker and reads it back through Caddy over HTTP and
// WebSocket.
func TestStack_SupervisordMosquittoCaddy(t *testing.T) {
	requireTools(t, "supervisord", "caddy", "/usr/sbin/mosquitto", "mosquitto_pub")
	root := repoRoot(t)
	app := t.TempDir()
	data := filepath.Join(app, "data")
	run := filepath.Join(app, "run")
	for _, d := range []string{data, run, filepath.Join(app, "mosquitto"), filepath.Join(app, "caddy")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	goBuild(t, root, filepath.Join(app, "corescope-server"), "./cmd/server")
	goBuild(t, root, filepath.Join(app, "corescope-ingestor"), "./cmd/ingestor")
	if err := os.Symlink(filepath.Join(root, "public"), filepath.Join(app, "public")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "node_modules")); err == nil {
		_ = os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(app, "node_modules"))
	}

	mqttPort, serverPort, httpPort, httpsPort := freePort(t), freePort(t), freePort(t), freePort(t)
	env := append(os.Environ(),
		"CORESCOPE_APP_DIR="+app,
		"CORESCOPE_DATA_DIR="+data,
		"CORESCOPE_RUN_DIR="+run,
		"SUPERVISORD_CONF="+filepath.Join(root, "docker/supervisord.conf"),
		"MOSQUITTO_CONF="+mosquittoConf(t, root, filepath.Join(app, "mosquitto"), mqttPort),
		"MOSQUITTO_DATA_DIR="+filepath.Join(app, "mosquitto"),
		"CADDY_CONF="+filepath.Join(root, "docker/Caddyfile"),
		"CADDY_DATA_DIR="+filepath.Join(app, "caddy"),
		fmt.Sprintf("CADDY_HTTP_PORT=%d", httpPort),
		fmt.Sprintf("CADDY_HTTPS_PORT=%d", httpsPort),
		fmt.Sprintf("PORT=%d", serverPort),
		// The ingestor's injection and metrics ports derive from PORT (PORT+1, PORT+2) and fall
		// back to free ports when another stack on this machine holds them.
		fmt.Sprintf("MQTT_BROKER=tcp://127.0.0.1:%d", mqttPort),
		"CORESCOPE_DOMAIN=",
		"API_KEY="+stackAPIKey,
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(root, "docker/entrypoint.sh"))
	cmd.Env = env
	logPath := filepath.Join(app, "supervisord.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }
	cmd.WaitDelay = 30 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatalf("start entrypoint: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("supervisord output:\n%s", b)
		}
	})

	base := fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	waitHTTP(t, base+"/api/healthz", 60*time.Second)
	// The entrypoint sets LISTEN=0.0.0.0: the server answers on every interface, which a
	// loopback-only bind (the dev default) would refuse on 127.0.0.2.
	waitHTTP(t, fmt.Sprintf("http://127.0.0.2:%d/api/healthz", serverPort), 10*time.Second)

	wsURL := fmt.Sprintf("ws://127.0.0.1:%d/ws", httpPort)
	ws, _, err := websocket.DefaultDialer.Dial(wsURL, nil)
	if err != nil {
		t.Fatalf("websocket through caddy: %v", err)
	}
	defer ws.Close()

	raw := firstFixtureRaw(t, root)
	wantHash, err := meshcore.ContentHashHex(raw)
	if err != nil {
		t.Fatalf("content hash: %v", err)
	}
	payload := fmt.Sprintf(`{"raw":%q,"SNR":7.5,"RSSI":-91,"timestamp":%q}`, raw, time.Now().UTC().Format(time.RFC3339))
	topic := "meshcore/SJC/" + strings.Repeat("ab", 32) + "/packets"
	pub := exec.Command("mosquitto_pub", "-h", "127.0.0.1", "-p", fmt.Sprint(mqttPort), "-q", "1", "-t", topic, "-m", payload)
	if b, err := pub.CombinedOutput(); err != nil {
		t.Fatalf("mosquitto_pub: %v\n%s", err, b)
	}

	// The packet must come back over the WebSocket...
	_ = ws.SetReadDeadline(time.Now().Add(20 * time.Second))
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			t.Fatalf("no websocket message for the published packet: %v", err)
		}
		if strings.Contains(string(msg), wantHash) {
			break
		}
	}
	// ...and from the REST API through Caddy.
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(base + "/api/packets?limit=10")
		if err != nil {
			t.Fatalf("GET /api/packets: %v", err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var got struct {
			Total   int               `json:"total"`
			Packets []json.RawMessage `json:"packets"`
		}
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatalf("decode /api/packets: %v: %s", err, body)
		}
		if strings.Contains(string(body), wantHash) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("packet not visible via /api/packets through caddy: %s", body)
		}
		time.Sleep(250 * time.Millisecond)
	}
	checkOperatorSurfaces(t, base, fmt.Sprintf("http://127.0.0.1:%d", serverPort))
	checkSecurityHeaders(t, base)
}

// firstFixtureRaw returns the raw hex of the first ADVERT vector in the shared test data.
func firstFixtureRaw(t *testing.T, root string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "../shared/testdata/vectors.json"))
	if err != nil {
		t.Fatalf("read vectors: %v", err)
	}
	var vectors []struct {
		RawHex string `json:"raw_hex"`
	}
	if err := json.Unmarshal(b, &vectors); err != nil {
		t.Fatalf("parse vectors: %v", err)
	}
	if len(vectors) == 0 {
		t.Fatal("no vectors")
	}
	return vectors[0].RawHex
}
