package faults

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/statsfile"
	"github.com/corescope/corescope/internal/testutil"
)

// stack is one deployment in a temp dir: a Mosquitto, and an ingestor and server
// started on demand against dbPath.
type stack struct {
	t      *testing.T
	broker *testutil.Mosquitto
	dir    string
	dbPath string
	stats  string
	port   int
	mport  int // ingestor metrics listener
	// defaultStats leaves the stats path to the processes' default (useDefaultStatsPath).
	defaultStats bool
}

func newStack(t *testing.T, dbPath string) *stack {
	dir := t.TempDir()
	if dbPath == "" {
		dbPath = filepath.Join(dir, "data", "meshcore.db")
	}
	// Retention is pushed out of reach: the fixture's rows are months old and a
	// retention pass between two server starts would change the data compared.
	cfg := `{"retention":{"nodeDays":36500,"observerDays":36500,"metricsDays":36500,"packetDays":36500,"clientRxDays":36500}}`
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return &stack{t: t, broker: testutil.StartMosquitto(t), dir: dir, dbPath: dbPath,
		stats: filepath.Join(dir, "stats.json"), port: testutil.FreePort(t), mport: testutil.FreePort(t)}
}

func (s *stack) env() []string {
	env := []string{"DB_PATH=" + s.dbPath, "MQTT_BROKER=" + s.broker.URL(), "MQTT_TOPIC=meshcore/#",
		"CORESCOPE_INJECT_LISTEN=", fmt.Sprintf("PORT=%d", s.port), fmt.Sprintf("CORESCOPE_METRICS_LISTEN=127.0.0.1:%d", s.mport)}
	if !s.defaultStats {
		env = append(env, "CORESCOPE_INGESTOR_STATS="+s.stats)
	}
	return env
}

// useDefaultStatsPath leaves CORESCOPE_INGESTOR_STATS unset, so both processes fall back
// to the default (next to the database), and reads the stats file there.
func (s *stack) useDefaultStatsPath() {
	s.defaultStats = true
	s.stats = filepath.Join(filepath.Dir(s.dbPath), "ingestor-stats.json")
}

// startIngestor starts the ingestor and waits until its MQTT source is subscribed.
func (s *stack) startIngestor() *proc {
	s.t.Helper()
	p := startProc(s.t, "ingestor", s.env(), "-config", filepath.Join(s.dir, "config.json"))
	waitFor(s.t, "ingestor subscribed", 60*time.Second, func() (bool, string) {
		st, err := s.readStats()
		if err != nil {
			return false, err.Error()
		}
		ok := len(st.SourceStatuses) == 1 && st.SourceStatuses[0].Subscribed && st.SampledAt != ""
		return ok, fmt.Sprintf("%+v", st.SourceStatuses)
	})
	return p
}

// startServer starts the server and waits until /api/healthz answers 200.
func (s *stack) startServer() *proc {
	s.t.Helper()
	root := repoRoot()
	p := startProc(s.t, "server", s.env(), "-config", filepath.Join(s.dir, "config.json"),
		"-public", filepath.Join(root, "public"), "-vendor", filepath.Join(root, "node_modules"), "-poll-ms", "100")
	waitFor(s.t, "server healthy", 120*time.Second, func() (bool, string) {
		code, body, err := s.get("/api/healthz")
		return err == nil && code == 200, fmt.Sprintf("%d %v %.200s", code, err, body)
	})
	return p
}

func (s *stack) base() string { return fmt.Sprintf("http://127.0.0.1:%d", s.port) }

var httpClient = &http.Client{Timeout: 30 * time.Second}

func (s *stack) get(path string) (int, []byte, error) {
	resp, err := httpClient.Get(s.base() + path)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

func (s *stack) readStats() (*statsfile.Snapshot, error) {
	st, _, err := statsfile.Read(s.stats)
	return st, err
}

// readDB opens the database read-only the way the server does.
func (s *stack) readDB() *sql.DB {
	s.t.Helper()
	db, err := schema.OpenReadOnly(context.Background(), s.dbPath, 1)
	if err != nil {
		s.t.Fatalf("open read-only: %v", err)
	}
	s.t.Cleanup(func() { db.Close() })
	return db
}

// publisher feeds lines to one `mosquitto_pub -l` process (one message per line, QoS 1).
type publisher struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *syncBuf
}

func (s *stack) publisher(topic string) *publisher {
	s.t.Helper()
	p := &publisher{out: &syncBuf{}}
	p.cmd = exec.Command("mosquitto_pub", "-h", "127.0.0.1", "-p", fmt.Sprint(s.broker.Port), "-q", "1",
		"-i", fmt.Sprintf("faults-pub-%d", time.Now().UnixNano()), "-t", topic, "-l")
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	var err error
	if p.in, err = p.cmd.StdinPipe(); err != nil {
		s.t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		s.t.Fatalf("start mosquitto_pub: %v", err)
	}
	s.t.Cleanup(func() { p.in.Close(); p.cmd.Process.Kill(); p.cmd.Wait() })
	return p
}

func (p *publisher) send(t *testing.T, body string) {
	t.Helper()
	if _, err := io.WriteString(p.in, body+"\n"); err != nil {
		t.Fatalf("publish: %v (%s)", err, p.out.String())
	}
}

// close ends the input and waits until every message was handed to the broker.
func (p *publisher) close(t *testing.T) {
	t.Helper()
	p.in.Close()
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("mosquitto_pub: %v: %s", err, p.out.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("mosquitto_pub did not finish: %s", p.out.String())
	}
}

// observerTopic is the packets topic of a synthetic observer (64 hex, upper-case).
func observerTopic(n int) (id, topic string) {
	id = strings.ToUpper(strings.Repeat(fmt.Sprintf("%02x", 0xA0+n), 32))
	return id, "meshcore/SJC/" + id + "/packets"
}

// uniquePacket returns a decodable direct RESPONSE packet with random ciphertext (so
// every call is a new transmission) and its content hash.
func uniquePacket(t *testing.T) (rawHex, hash string) {
	t.Helper()
	ct := make([]byte, 16)
	rand.Read(ct)
	rawHex = strings.ToUpper("06001f5d97f8" + hex.EncodeToString(ct))
	h, err := meshcore.ContentHashHex(rawHex)
	if err != nil {
		t.Fatalf("content hash: %v", err)
	}
	return rawHex, h
}

func packetMsg(rawHex, timestamp string, i int) string {
	return fmt.Sprintf(`{"origin":"Faults Observer","timestamp":%q,"type":"PACKET","direction":"rx","raw":%q,"SNR":"%d.5","RSSI":"-%d","score":1000}`,
		timestamp, rawHex, i%10, 70+i%30)
}

// storedCounts returns, per content hash in want, the number of transmissions and
// observations stored.
func storedCounts(t *testing.T, db *sql.DB, want []string) (tx, obs map[string]int) {
	t.Helper()
	tx, obs = map[string]int{}, map[string]int{}
	rows, err := db.Query(`SELECT t.hash, (SELECT COUNT(*) FROM observations o WHERE o.transmission_id = t.id) FROM transmissions t`)
	if err != nil {
		t.Fatalf("count stored: %v", err)
	}
	defer rows.Close()
	wanted := map[string]bool{}
	for _, h := range want {
		wanted[h] = true
	}
	for rows.Next() {
		var h string
		var n int
		if err := rows.Scan(&h, &n); err != nil {
			t.Fatal(err)
		}
		if wanted[h] {
			tx[h]++
			obs[h] += n
		}
	}
	return tx, obs
}

// allStoredOnce reports whether every hash has exactly one transmission and one observation.
func allStoredOnce(t *testing.T, db *sql.DB, hashes []string) (bool, string) {
	tx, obs := storedCounts(t, db, hashes)
	missing, dup := 0, 0
	for _, h := range hashes {
		switch {
		case tx[h] == 0:
			missing++
		case tx[h] > 1 || obs[h] > 1:
			dup++
		}
	}
	return missing == 0 && dup == 0, fmt.Sprintf("%d of %d missing, %d duplicated", missing, len(hashes), dup)
}

func integrityOK(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("sqlite3", "-readonly", path, "PRAGMA integrity_check;").CombinedOutput()
	if err != nil {
		return fmt.Sprintf("sqlite3: %v: %s", err, out)
	}
	return strings.TrimSpace(string(out))
}
