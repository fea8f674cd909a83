package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/corescope/corescope/internal/statsfile"
	"github.com/corescope/corescope/internal/testutil"
)

// instance is one CoreScope deployment (broker, ingestor, server) configured only by
// environment, the way `./manage.sh run` starts a second instance.
type instance struct {
	port   int
	broker *testutil.Mosquitto
	stats  string
	base   string
}

// startInstance runs the ingestor and the server with PORT=port; the ingestor's
// injection and metrics ports are left to their defaults.
func startInstance(t *testing.T, ingBin, srvBin, dir string, port int) *instance {
	t.Helper()
	in := &instance{port: port, broker: testutil.StartMosquitto(t), stats: filepath.Join(dir, "stats.json")}
	env := []string{"PORT=" + strconv.Itoa(port), "DB_PATH=" + filepath.Join(dir, "meshcore.db"),
		"MQTT_BROKER=" + in.broker.URL(), "CORESCOPE_INGESTOR_STATS=" + in.stats, "API_KEY=" + e2eKey}
	none := filepath.Join(dir, "none.json")
	startProc(t, ingBin, env, "-config", none)
	in.announced(t) // the database exists and the ingestor serves once it announces itself
	startProc(t, srvBin, env, "-config", none, "-public", filepath.Join(repoRoot(t), "public"),
		"-vendor", filepath.Join(repoRoot(t), "node_modules"))
	in.base = fmt.Sprintf("http://127.0.0.1:%d", port)
	waitOK(t, in.base+"/api/healthz")
	return in
}

// announced waits for a stats file whose source is subscribed and returns it.
func (in *instance) announced(t *testing.T) *statsfile.Snapshot {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		s, _, err := statsfile.Read(in.stats)
		if err == nil && s.InjectAddr != "" && len(s.SourceStatuses) == 1 && s.SourceStatuses[0].Subscribed {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("ingestor on PORT=%d never announced a subscribed source and an injection address: %+v %v", in.port, s, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func waitOK(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not ready: %v", url, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// publish sends one packet to the instance's broker until its server lists the hash.
func (in *instance) publish(t *testing.T, v testutil.Vector) {
	t.Helper()
	pub := paho.NewClient(paho.NewClientOptions().AddBroker("tcp://" + in.broker.Addr()).SetClientID(fmt.Sprintf("inst-pub-%d", in.port)))
	if tok := pub.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("connect publisher: %v", tok.Error())
	}
	defer pub.Disconnect(100)
	body := fmt.Sprintf(`{"raw":%q,"SNR":6.5,"rssi":-95,"origin":"Instance %d"}`, v.RawHex, in.port)
	deadline := time.Now().Add(20 * time.Second)
	for packetTotal(t, in.base, v.ContentHash) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("PORT=%d: published packet %s never reached its server", in.port, v.ContentHash)
		}
		pub.Publish("meshcore/SJC/"+strings.Repeat("C3", 32)+"/packets", 1, false, body).WaitTimeout(5 * time.Second)
		time.Sleep(300 * time.Millisecond)
	}
}

// inject posts one packet to the instance's POST /api/packets and waits until it is listed.
func (in *instance) inject(t *testing.T, v testutil.Vector) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, in.base+"/api/packets", bytes.NewReader([]byte(fmt.Sprintf(`{"hex":%q,"observer":"inject-%d"}`, v.RawHex, in.port))))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-Key", e2eKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	body.ReadFrom(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PORT=%d: POST /api/packets: %d %s", in.port, resp.StatusCode, body.String())
	}
	deadline := time.Now().Add(20 * time.Second)
	for packetTotal(t, in.base, v.ContentHash) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("PORT=%d: injected packet %s not listed by its server", in.port, v.ContentHash)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// distinctVectors returns n decodable, non-ADVERT captures with distinct content hashes.
func distinctVectors(t *testing.T, n int) []testutil.Vector {
	t.Helper()
	seen := map[string]bool{}
	var out []testutil.Vector
	for _, v := range testutil.LoadVectors(t) {
		var rd map[string]json.RawMessage
		json.Unmarshal(v.ReferenceDecode, &rd)
		h := strings.ToLower(v.ContentHash)
		if _, bad := rd["error"]; bad || h == "" || v.PayloadType == 4 || seen[h] {
			continue
		}
		seen[h] = true
		out = append(out, v)
		if len(out) == n {
			return out
		}
	}
	t.Fatalf("found %d distinct vectors, want %d", len(out), n)
	return nil
}

// TestServer_TwoInstancesOnOneMachine: two complete instances on one machine that differ
// only in PORT (and broker, database, stats file) both ingest, and each server's
// POST /api/packets reaches its own ingestor, even when the second instance's default
// injection port (PORT+1) is taken by another process.
func TestServer_TwoInstancesOnOneMachine(t *testing.T) {
	dir := t.TempDir()
	ingBin, srvBin := filepath.Join(dir, "ingestor"), filepath.Join(dir, "server")
	buildBinary(t, "./cmd/ingestor", ingBin)
	buildBinary(t, "./cmd/server", srvBin)
	vs := distinctVectors(t, 4)

	portB, held := testutil.PortBelowHeld(t)
	a := startInstance(t, ingBin, srvBin, filepath.Join(dir, "a"), testutil.FreePort(t))
	b := startInstance(t, ingBin, srvBin, filepath.Join(dir, "b"), portB)
	sb := b.announced(t)
	if sb.InjectAddr == held.Addr().String() || !strings.HasPrefix(sb.InjectAddr, "127.0.0.1:") {
		t.Fatalf("instance B announced injection address %q; want a free loopback port, not the held %s", sb.InjectAddr, held.Addr())
	}
	if sa := a.announced(t); sa.InjectAddr == sb.InjectAddr || sa.MetricsAddr == sb.MetricsAddr {
		t.Fatalf("instances share a listener: A %s/%s, B %s/%s", sa.InjectAddr, sa.MetricsAddr, sb.InjectAddr, sb.MetricsAddr)
	}

	a.publish(t, vs[0])
	b.publish(t, vs[1])
	a.inject(t, vs[2])
	b.inject(t, vs[3])
	// Each packet is in its own instance only (the other server lists none of them).
	for i, own := range []*instance{a, b, a, b} {
		other := map[*instance]*instance{a: b, b: a}[own]
		if got := packetTotal(t, own.base, vs[i].ContentHash); got != 1 {
			t.Errorf("packet %d: own instance (PORT=%d) lists %d, want 1", i, own.port, got)
		}
		if got := packetTotal(t, other.base, vs[i].ContentHash); got != 0 {
			t.Errorf("packet %d: other instance (PORT=%d) lists %d, want 0", i, other.port, got)
		}
	}
}
