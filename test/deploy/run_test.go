package deploy_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
	"github.com/corescope/corescope/internal/testutil"
)

// runInstance is one `./manage.sh run` in its own process group.
type runInstance struct {
	cmd  *exec.Cmd
	out  *testutil.SyncBuffer
	port int
	done chan struct{}
}

func startRun(t *testing.T, root string, env []string, port int) *runInstance {
	t.Helper()
	r := &runInstance{cmd: exec.Command(filepath.Join(root, "manage.sh"), "run"), out: &testutil.SyncBuffer{}, port: port, done: make(chan struct{})}
	r.cmd.Dir = root
	r.cmd.Env = runEnv(env...)
	r.cmd.Stdout, r.cmd.Stderr = r.out, r.out
	r.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := r.cmd.Start(); err != nil {
		t.Fatalf("start manage.sh run: %v", err)
	}
	go func() { r.cmd.Wait(); close(r.done) }()
	t.Cleanup(func() {
		syscall.Kill(-r.cmd.Process.Pid, syscall.SIGTERM) // manage.sh stops its children on TERM
		select {
		case <-r.done:
		case <-time.After(30 * time.Second):
			syscall.Kill(-r.cmd.Process.Pid, syscall.SIGKILL)
			<-r.done
		}
		if t.Failed() {
			t.Logf("manage.sh run (PORT=%d) output:\n%s", port, r.out)
		}
	})
	return r
}

// builtBinaries lists the binaries a manage.sh command's output says it built, in order.
func builtBinaries(out string) []string {
	var names []string
	for _, line := range strings.Split(out, "\n") {
		if _, name, ok := strings.Cut(line, "building bin/corescope-"); ok {
			names = append(names, strings.TrimSpace(name))
		}
	}
	return names
}

// runEnv is this process's environment without the instance settings a developer's shell
// may carry (some mean "off" when empty), plus extra.
func runEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "PORT", "MQTT_PORT", "DB_PATH", "LISTEN", "MQTT_BROKER", "CORESCOPE_INGESTOR_STATS",
			"CORESCOPE_INJECT_LISTEN", "CORESCOPE_METRICS_LISTEN":
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// twoVectors returns two non-ADVERT captures with distinct content hashes (raw, hash).
func twoVectors(t *testing.T, root string) [2][2]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "../shared/testdata/vectors.json"))
	if err != nil {
		t.Fatalf("read vectors: %v", err)
	}
	var vs []struct {
		RawHex      string                     `json:"raw_hex"`
		ContentHash string                     `json:"content_hash"`
		PayloadType int                        `json:"payload_type"`
		Ref         map[string]json.RawMessage `json:"reference_decode"`
	}
	if err := json.Unmarshal(b, &vs); err != nil {
		t.Fatalf("parse vectors: %v", err)
	}
	var out [2][2]string
	n := 0
	for _, v := range vs {
		h := strings.ToLower(v.ContentHash)
		if _, bad := v.Ref["error"]; bad || h == "" || v.PayloadType == 4 || (n == 1 && h == out[0][1]) {
			continue
		}
		out[n] = [2]string{v.RawHex, h}
		if n++; n == 2 {
			return out
		}
	}
	t.Fatal("fewer than two usable vectors")
	return out
}

func listed(t *testing.T, port int, hash string) int {
	t.Helper()
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/api/packets?hash=%s", port, hash))
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

// TestManage_RunTwoInstances: a second `./manage.sh run` with its own PORT, MQTT_PORT and
// DB_PATH runs beside a first one, even when its default injection port (PORT+1) is
// taken; each ingests from its own broker only; a third run on a taken PORT refuses with
// a clear message instead of stopping anything.
func TestManage_RunTwoInstances(t *testing.T) {
	requireTools(t, "/usr/sbin/mosquitto", "mosquitto_pub")
	root := repoRoot(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	common := []string{"BIN_DIR=" + filepath.Join(dir, "bin"), "DATA_DIR=" + data}
	portB, held := testutil.PortBelowHeld(t) // instance B's PORT+1
	portA, mqttA, mqttB := freePort(t), freePort(t), freePort(t)

	a := startRun(t, root, append(common, fmt.Sprintf("PORT=%d", portA), fmt.Sprintf("MQTT_PORT=%d", mqttA)), portA)
	waitHTTP(t, fmt.Sprintf("http://127.0.0.1:%d/api/healthz", portA), 180*time.Second)
	// run builds what it starts, once: the ingestor and the server.
	if got := builtBinaries(a.out.String()); strings.Join(got, ",") != "ingestor,server" {
		t.Errorf("manage.sh run built %v, want [ingestor server]", got)
	}
	b := startRun(t, root, append(common, fmt.Sprintf("PORT=%d", portB), fmt.Sprintf("MQTT_PORT=%d", mqttB),
		"DB_PATH="+filepath.Join(data, "second.db")), portB)
	waitHTTP(t, fmt.Sprintf("http://127.0.0.1:%d/api/healthz", portB), 180*time.Second)

	// The server may answer before the ingestor's first stats write (1 Hz, after its migrations).
	sb, err := waitStats(filepath.Join(data, fmt.Sprintf("ingestor-stats-%d.json", portB)), 60*time.Second)
	if err != nil || sb.InjectAddr == "" || sb.InjectAddr == held.Addr().String() {
		t.Fatalf("instance B stats: %+v %v; want its own stats file announcing a free injection port", sb, err)
	}
	if _, err := waitStats(filepath.Join(data, fmt.Sprintf("ingestor-stats-%d.json", portA)), 60*time.Second); err != nil {
		t.Fatalf("instance A stats file: %v", err)
	}

	vs := twoVectors(t, root)
	topic := "meshcore/SJC/" + strings.Repeat("cd", 32) + "/packets"
	for i, mq := range []int{mqttA, mqttB} {
		port := []int{portA, portB}[i]
		deadline := time.Now().Add(30 * time.Second)
		for listed(t, port, vs[i][1]) == 0 {
			if time.Now().After(deadline) {
				t.Fatalf("packet published to broker :%d never listed on :%d", mq, port)
			}
			msg := fmt.Sprintf(`{"raw":%q,"SNR":5,"RSSI":-90}`, vs[i][0])
			if out, err := exec.Command("mosquitto_pub", "-h", "127.0.0.1", "-p", fmt.Sprint(mq), "-q", "1", "-t", topic, "-m", msg).CombinedOutput(); err != nil {
				t.Fatalf("mosquitto_pub: %v\n%s", err, out)
			}
			time.Sleep(300 * time.Millisecond)
		}
	}
	if n := listed(t, portB, vs[0][1]); n != 0 {
		t.Errorf("instance B lists instance A's packet (%d)", n)
	}
	if n := listed(t, portA, vs[1][1]); n != 0 {
		t.Errorf("instance A lists instance B's packet (%d)", n)
	}

	// A third run on A's port refuses at once and leaves both running.
	third := exec.Command(filepath.Join(root, "manage.sh"), "run")
	third.Dir = root
	third.Env = runEnv(append(common, fmt.Sprintf("PORT=%d", portA), fmt.Sprintf("MQTT_PORT=%d", mqttA),
		"DB_PATH="+filepath.Join(data, "third.db"))...)
	out, err := third.CombinedOutput()
	if err == nil || !strings.Contains(string(out), fmt.Sprintf("port %d is already in use", portA)) {
		t.Errorf("third run on a taken PORT: err %v, want a refusal naming the port:\n%s", err, out)
	}
	for _, r := range []*runInstance{a, b} {
		select {
		case <-r.done:
			t.Errorf("manage.sh run (PORT=%d) exited:\n%s", r.port, r.out)
		default:
		}
		waitHTTP(t, fmt.Sprintf("http://127.0.0.1:%d/api/healthz", r.port), 10*time.Second)
	}
}

// waitStats reads a stats file, waiting up to limit for the ingestor to write it.
func waitStats(path string, limit time.Duration) (*statsfile.Snapshot, error) {
	deadline := time.Now().Add(limit)
	for {
		s, _, err := statsfile.Read(path)
		if err == nil || time.Now().After(deadline) {
			return s, err
		}
		time.Sleep(200 * time.Millisecond)
	}
}
