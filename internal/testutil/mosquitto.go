package testutil

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// MosquittoBinary is where Debian installs the broker.
const MosquittoBinary = "/usr/sbin/mosquitto"

// Mosquitto is a real broker process on a free 127.0.0.1 port with its own config and
// persistence directory, stopped at test cleanup.
type Mosquitto struct {
	t    testing.TB
	Port int
	Dir  string
	// TLS is true for StartMosquittoTLS brokers; CAFile is then the signing CA (PEM).
	TLS    bool
	CAFile string
	cmd    *exec.Cmd
	done   chan struct{}
}

// URL returns the broker URL for MQTT clients (mqtt:// or mqtts://127.0.0.1:<port>).
func (m *Mosquitto) URL() string {
	if m.TLS {
		return "mqtts://127.0.0.1:" + strconv.Itoa(m.Port)
	}
	return "mqtt://127.0.0.1:" + strconv.Itoa(m.Port)
}

// Addr returns host:port.
func (m *Mosquitto) Addr() string { return "127.0.0.1:" + strconv.Itoa(m.Port) }

// StartMosquitto launches mosquitto with persistence and unlimited queues (so a
// persistent session keeps every QoS 1 message while its client is away). A missing
// binary fails under CI=true and skips otherwise.
func StartMosquitto(t testing.TB) *Mosquitto {
	t.Helper()
	return startMosquitto(t, "")
}

// StartMosquittoTLS is StartMosquitto with a TLS-only listener whose certificate (for
// 127.0.0.1) is signed by a fresh test CA; CAFile holds that CA in PEM.
func StartMosquittoTLS(t testing.TB) *Mosquitto {
	t.Helper()
	dir := t.TempDir()
	ca, cert, key := WriteTestCerts(t, dir)
	m := startMosquitto(t, fmt.Sprintf("cafile %s\ncertfile %s\nkeyfile %s\n", ca, cert, key))
	m.CAFile = ca
	m.TLS = true
	return m
}

func startMosquitto(t testing.TB, listenerExtra string) *Mosquitto {
	t.Helper()
	if _, err := os.Stat(MosquittoBinary); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mosquitto not installed: %v", err)
		}
		t.Skipf("mosquitto not installed: %v", err)
	}
	m := &Mosquitto{t: t, Port: FreePort(t), Dir: t.TempDir()}
	if os.Geteuid() == 0 {
		// Run as root mosquitto would switch to user "mosquitto", which cannot read the
		// private temp dirs holding its config, certificates, log and persistence.
		listenerExtra += "user root\n"
	}
	conf := fmt.Sprintf(`listener %d 127.0.0.1
`+listenerExtra+`allow_anonymous true
persistence true
persistence_location %s/
autosave_interval 1
max_queued_messages 0
max_inflight_messages 0
max_queued_bytes 0
log_dest file %s
log_type error
log_type warning
log_type notice
`, m.Port, m.Dir, filepath.Join(m.Dir, "mosquitto.log"))
	if err := os.WriteFile(filepath.Join(m.Dir, "mosquitto.conf"), []byte(conf), 0o600); err != nil {
		t.Fatalf("write mosquitto.conf: %v", err)
	}
	m.Start()
	t.Cleanup(m.Stop)
	return m
}

// Start (re)starts the broker on the same port and waits until it accepts connections.
func (m *Mosquitto) Start() {
	m.t.Helper()
	m.cmd = exec.Command(MosquittoBinary, "-c", filepath.Join(m.Dir, "mosquitto.conf"))
	m.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if f, err := os.OpenFile(filepath.Join(m.Dir, "stderr.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600); err == nil {
		m.cmd.Stdout, m.cmd.Stderr = f, f
		defer f.Close()
	}
	if err := m.cmd.Start(); err != nil {
		m.t.Fatalf("start mosquitto: %v", err)
	}
	m.done = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) { cmd.Wait(); close(done) }(m.cmd, m.done)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", m.Addr(), 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		select {
		case <-m.done:
			m.t.Fatalf("mosquitto exited early: %s", m.Log())
		case <-time.After(50 * time.Millisecond):
		}
	}
	m.t.Fatalf("mosquitto did not listen on %s", m.Addr())
}

// Stop terminates the broker gracefully (SIGTERM saves persistence), then waits.
func (m *Mosquitto) Stop() {
	if m.cmd == nil || m.cmd.Process == nil {
		return
	}
	select {
	case <-m.done:
		return
	default:
	}
	m.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-m.done:
	case <-time.After(5 * time.Second):
		m.cmd.Process.Kill()
		<-m.done
	}
}

// Log returns the broker's log file contents (for failure messages).
func (m *Mosquitto) Log() string {
	a, _ := os.ReadFile(filepath.Join(m.Dir, "mosquitto.log"))
	b, _ := os.ReadFile(filepath.Join(m.Dir, "stderr.log"))
	return string(a) + string(b)
}

// FreePort returns a currently free TCP port on 127.0.0.1.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
