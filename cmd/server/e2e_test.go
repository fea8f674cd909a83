package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
	"github.com/gorilla/websocket"

	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

const e2eKey = "e2e-strong-api-key-0123456789"

// stack is Mosquitto + the ingestor binary + the server binary on a fixture DB copy.
type stack struct {
	base   string
	broker *testutil.Mosquitto
	dbPath string
}

func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

func buildBinary(t *testing.T, pkg, out string) {
	t.Helper()
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = repoRoot(t)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", pkg, err, b)
	}
}

// startProc runs bin until the test ends and returns its output so far (stdout and stderr).
func startProc(t *testing.T, bin string, env []string, args ...string) *testutil.SyncBuffer {
	t.Helper()
	logs := &testutil.SyncBuffer{}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("%s output:\n%s", filepath.Base(bin), logs.String())
		}
	})
	return logs
}

func startStack(t *testing.T) *stack {
	t.Helper()
	dir := t.TempDir()
	s := &stack{broker: testutil.StartMosquitto(t), dbPath: testutil.CopyFixture(t)}
	testutil.OpenMigrated(t, s.dbPath).Close()
	ingBin, srvBin := filepath.Join(dir, "ingestor"), filepath.Join(dir, "server")
	buildBinary(t, "./cmd/ingestor", ingBin)
	buildBinary(t, "./cmd/server", srvBin)
	port, injectPort := testutil.FreePort(t), testutil.FreePort(t)
	cfg := map[string]any{
		"dbPath":      s.dbPath,
		"apiKey":      e2eKey,
		"mqttSources": []map[string]any{{"name": "local", "broker": s.broker.URL(), "topics": []string{"meshcore/#"}}},
		"ingestor":    map[string]any{"injectListen": fmt.Sprintf("127.0.0.1:%d", injectPort), "flushMs": 20},
	}
	b, _ := json.Marshal(cfg)
	cfgPath := filepath.Join(dir, "config.json")
	if err := os.WriteFile(cfgPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"CORESCOPE_INGESTOR_STATS=" + filepath.Join(dir, "stats.json"), fmt.Sprintf("PORT=%d", port)}
	startProc(t, ingBin, env, "-config", cfgPath)
	// The ingestor rewrites legacy rows at startup (content-hash repair); the server's
	// in-memory store does not follow updates, so start it once the ingestor is serving.
	waitTCP(t, fmt.Sprintf("127.0.0.1:%d", injectPort))
	startProc(t, srvBin, env, "-config", cfgPath, "-public", filepath.Join(repoRoot(t), "public"),
		"-vendor", filepath.Join(repoRoot(t), "node_modules"))
	s.base = fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(s.base + "/api/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not ready: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return s
}

func waitTCP(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not listening: %v", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// newVectors returns decodable captures whose hash is not in the fixture DB.
func newVectors(t *testing.T, dbPath string, n int) []testutil.Vector {
	t.Helper()
	db, err := sql.Open("sqlite", schema.ReaderDSN(dbPath))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []testutil.Vector
	for _, v := range testutil.LoadVectors(t) {
		var rd map[string]json.RawMessage
		json.Unmarshal(v.ReferenceDecode, &rd)
		if _, bad := rd["error"]; bad || v.ContentHash == "" {
			continue
		}
		var one int
		// A legacy hash the ingestor replaced stays an alias of its old packet until a packet with that
		// content hash arrives (the fixture's tx 79 kept e52d9c508c502347, the hash of vector "1200"):
		// such a vector would be "found" before it is published.
		h := strings.ToLower(v.ContentHash)
		if db.QueryRow("SELECT 1 FROM transmissions WHERE hash = ? UNION ALL SELECT 1 FROM hash_aliases WHERE alias = ?", h, h).Scan(&one) == sql.ErrNoRows {
			out = append(out, v)
			if len(out) == n {
				return out
			}
		}
	}
	t.Fatalf("found %d new vectors, want %d", len(out), n)
	return nil
}

func dialWS(t *testing.T, base, path string) *websocket.Conn {
	t.Helper()
	c, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(base, "http")+path, nil)
	if err != nil {
		t.Fatalf("dial ws: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// waitHash reads WS frames until one carries hash; it returns the time it took.
func waitHash(t *testing.T, c *websocket.Conn, hash string, start time.Time) time.Duration {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	for {
		_, b, err := c.ReadMessage()
		if err != nil {
			t.Fatalf("waiting for %s on ws: %v", hash, err)
		}
		var m struct {
			Type string `json:"type"`
			Data struct {
				Hash string `json:"hash"`
			} `json:"data"`
		}
		if json.Unmarshal(b, &m) == nil && m.Type == "packet" && strings.EqualFold(m.Data.Hash, hash) {
			return time.Since(start)
		}
	}
}

func packetTotal(t *testing.T, base, hash string) int {
	t.Helper()
	resp, err := http.Get(base + "/api/packets?hash=" + strings.ToLower(hash))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Total int `json:"total"`
	}
	json.NewDecoder(resp.Body).Decode(&body)
	return body.Total
}

func TestServer_EndToEndMQTTAndInject(t *testing.T) {
	s := startStack(t)
	vs := newVectors(t, s.dbPath, 2)
	ws := dialWS(t, s.base, "/ws")
	// The SPA of the reference connects to the root path; both must receive the feed.
	root := dialWS(t, s.base, "/")

	t.Run("mqtt", func(t *testing.T) {
		pub := paho.NewClient(paho.NewClientOptions().AddBroker("tcp://" + s.broker.Addr()).SetClientID("e2e-server-pub"))
		if tok := pub.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
			t.Fatalf("connect publisher: %v", tok.Error())
		}
		defer pub.Disconnect(100)
		start := time.Now()
		body := fmt.Sprintf(`{"raw":%q,"SNR":"7.5 dB","rssi":-90,"origin":"E2E Observer"}`, vs[0].RawHex)
		// The ingestor may still be subscribing; QoS 1 and a retry make delivery certain.
		deadline := time.Now().Add(10 * time.Second)
		for packetTotal(t, s.base, vs[0].ContentHash) == 0 && time.Now().Before(deadline) {
			pub.Publish("meshcore/SJC/"+strings.Repeat("E2", 32)+"/packets", 1, false, body).WaitTimeout(5 * time.Second)
			time.Sleep(300 * time.Millisecond)
		}
		took := waitHash(t, ws, vs[0].ContentHash, start)
		t.Logf("MQTT publish → WebSocket: %v", took)
		waitHash(t, root, vs[0].ContentHash, start)
		if got := packetTotal(t, s.base, vs[0].ContentHash); got != 1 {
			t.Errorf("/api/packets?hash total = %d, want 1", got)
		}
	})

	t.Run("inject", func(t *testing.T) {
		post := func(key string) *http.Response {
			req, _ := http.NewRequest("POST", s.base+"/api/packets", strings.NewReader(fmt.Sprintf(`{"hex":%q,"observer":"e2e-inject"}`, vs[1].RawHex)))
			req.Header.Set("Content-Type", "application/json")
			if key != "" {
				req.Header.Set("X-API-Key", key)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp
		}
		if code := post("").StatusCode; code != http.StatusUnauthorized {
			t.Errorf("without key: got %d, want 401", code)
		}
		if code := post("wrong-key-but-long-enough").StatusCode; code != http.StatusUnauthorized {
			t.Errorf("wrong key: got %d, want 401", code)
		}
		start := time.Now()
		if code := post(e2eKey).StatusCode; code != http.StatusOK {
			t.Fatalf("with key: got %d, want 200", code)
		}
		took := waitHash(t, ws, vs[1].ContentHash, start)
		t.Logf("POST /api/packets → WebSocket: %v", took)
		if got := packetTotal(t, s.base, vs[1].ContentHash); got != 1 {
			t.Errorf("/api/packets?hash total = %d, want 1", got)
		}
	})

	t.Run("forged advert refused", func(t *testing.T) { forgedAdvertRefused(t, s) })
}
