package ingest_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/mqttsource"
	"github.com/corescope/corescope/internal/testutil"
)

// badTopicCases are topics whose observer id or region must be refused, with the
// bad-input kind each one is counted under (fixed by hand from the documented limits:
// observer id 1–64 of [A-Za-z0-9_.:-], region empty or 2–8 of [A-Za-z0-9_-]).
var badTopicCases = []struct{ topic, kind string }{
	{"meshcore/SJC/" + strings.Repeat("AB", 150) + "/packets", "bad_observer_id_length"},
	{"meshcore/SJC/" + strings.Repeat("AB", 150) + "/status", "bad_observer_id_length"},
	{"meshcore/SJC/<img src=x onerror=alert(1)>/packets", "bad_observer_id_chars"},
	{"meshcore/SJC/obs\"quote&amp;/status", "bad_observer_id_chars"},
	{"meshcore/S<b>F/" + strings.Repeat("A1", 32) + "/packets", "bad_region_chars"},
	{"meshcore/SF O!/" + strings.Repeat("A1", 32) + "/status", "bad_region_chars"},
	{"meshcore/ABCDEFGHIJ/" + strings.Repeat("A1", 32) + "/packets", "bad_region_length"},
}

// TestIngester_BadTopicIDsOverMosquitto publishes packets and status on topics with a
// 300-character observer id, markup in the id and invalid regions through a real
// Mosquitto into a real SQLite file: none is stored, each is counted under its kind, and
// the valid observers published after them are stored as before.
func TestIngester_BadTopicIDsOverMosquitto(t *testing.T) {
	broker := testutil.StartMosquitto(t)
	db, _ := testutil.OpenTestDB(t)
	var good []string
	for _, v := range fixtureVectors(t) {
		if decodable(v) {
			good = append(good, v.RawHex)
		}
	}
	badRaw, goodRaw := good[0], good[1]
	in := openIngester(t, db, nil)
	g := subscribeIngester(t, in, broker)
	publish := publisher(t, broker)

	for _, c := range badTopicCases {
		body := packetJSON(badRaw, 1)
		if strings.HasSuffix(c.topic, "/status") {
			body = []byte(`{"origin":"bad","model":"Heltec V3","stats":{"battery_mv":4100}}`)
		}
		publish(c.topic, body)
	}
	validObservers := []string{strings.Repeat("A1", 32), "kpabap"} // forms seen in the fixture
	for _, obs := range validObservers {
		publish("meshcore/SJC/"+obs+"/status", []byte(`{"origin":"ok","model":"Heltec V3"}`))
		publish("meshcore/SJC/"+obs+"/packets", packetJSON(goodRaw, 2))
	}

	want := map[string]int64{}
	for _, c := range badTopicCases {
		want[c.kind]++
	}
	countsReached := func() bool {
		bad := in.Stats(time.Now()).BadInput
		for k, n := range want {
			if bad[k] < n {
				return false
			}
		}
		return true
	}
	deadline := time.Now().Add(30 * time.Second)
	for (countRows(t, db, `SELECT COUNT(*) FROM observations`) < len(validObservers) || !countsReached()) &&
		time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	g.Close(context.Background())
	closeIngester(t, in)

	bad := in.Stats(time.Now()).BadInput
	for k, n := range want {
		if bad[k] != n {
			t.Errorf("bad_input[%s]: got %d, want %d", k, bad[k], n)
		}
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observers`); got != len(validObservers) {
		t.Errorf("observers: got %d, want %d (only the valid ones)", got, len(validObservers))
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observers WHERE id IN (?, ?) AND iata = 'SJC'`,
		validObservers[0], validObservers[1]); got != 2 {
		t.Errorf("valid observers stored: got %d, want 2", got)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations`); got != len(validObservers) {
		t.Errorf("observations: got %d, want %d", got, len(validObservers))
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM transmissions WHERE raw_hex = ?`, badRaw); got != 0 {
		t.Errorf("transmissions from bad topics: got %d, want 0", got)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM dropped_packets`); got != 0 {
		t.Errorf("dropped_packets: got %d, want 0", got)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observer_metrics WHERE observer_id NOT IN (?, ?)`,
		validObservers[0], validObservers[1]); got != 0 {
		t.Errorf("observer_metrics rows for bad ids: got %d, want 0", got)
	}
}

// TestIngester_ControlCharsInTopicIDs covers what a broker refuses to route (control
// characters in a topic) but a bridged or replayed message could still carry: Submit
// must refuse it without storing anything.
func TestIngester_ControlCharsInTopicIDs(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	raw := fixtureVectors(t)[0].RawHex
	in := openIngester(t, db, nil)
	for _, topic := range []string{
		"meshcore/SJC/AB\x01CD/packets", "meshcore/SJC/AB\x7fCD/status", "meshcore/SJC/AB\u00e9/packets",
		"meshcore/S\x00C/" + strings.Repeat("A1", 32) + "/packets",
	} {
		in.Submit("local", topic, packetJSON(raw, 1), time.Now(), nil)
	}
	closeIngester(t, in)
	bad := in.Stats(time.Now()).BadInput
	if bad["bad_observer_id_chars"] != 3 || bad["bad_region_chars"] != 1 {
		t.Errorf("bad_input: got ids %d, regions %d; want 3, 1", bad["bad_observer_id_chars"], bad["bad_region_chars"])
	}
	for _, q := range []string{`SELECT COUNT(*) FROM observers`, `SELECT COUNT(*) FROM observations`,
		`SELECT COUNT(*) FROM transmissions`, `SELECT COUNT(*) FROM dropped_packets`} {
		if got := countRows(t, db, q); got != 0 {
			t.Errorf("%s: got %d, want 0", q, got)
		}
	}
}

// TestIngester_BadTopicIDsLogOncePerKind sends 1,000 distinct bad observer ids under a
// frozen clock: the log gets one line per kind (not one per attacker string), that line
// carries no raw control character and no full id, and the counters still see every one.
func TestIngester_BadTopicIDsLogOncePerKind(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	raw := fixtureVectors(t)[0].RawHex
	var logBuf testutil.SyncBuffer
	frozen := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	in := openIngester(t, db, func(o *ingest.Options) {
		o.Logger = slog.New(slog.NewJSONHandler(&logBuf, nil))
		o.Now = func() time.Time { return frozen }
	})
	long := strings.Repeat("F", 300)
	for i := 0; i < 500; i++ {
		in.Submit("local", fmt.Sprintf("meshcore/SJC/%s%04d/packets", long, i), packetJSON(raw, i), frozen, nil)
		in.Submit("local", fmt.Sprintf("meshcore/SJC/\x1b[31m<i>%d/packets", i), packetJSON(raw, i), frozen, nil)
	}
	closeIngester(t, in)
	bad := in.Stats(frozen).BadInput
	if bad["bad_observer_id_length"] != 500 || bad["bad_observer_id_chars"] != 500 {
		t.Errorf("bad_input: got length %d, chars %d; want 500, 500", bad["bad_observer_id_length"], bad["bad_observer_id_chars"])
	}
	logs := logBuf.String()
	if n := strings.Count(logs, "topic observer id rejected"); n != 2 {
		t.Errorf("log lines for rejected ids: got %d, want 2 (one per kind)\n%s", n, logs)
	}
	if strings.Contains(logs, "\x1b") || strings.Contains(logs, long) {
		t.Errorf("log carries a raw escape or a full bad id:\n%s", logs)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observers`); got != 0 {
		t.Errorf("observers: got %d, want 0", got)
	}
}

// subscribeIngester wires a real mqttsource group to in and waits for its subscription.
func subscribeIngester(t *testing.T, in *ingest.Ingester, broker *testutil.Mosquitto) *mqttsource.Group {
	t.Helper()
	so := mqttsource.DefaultSourceOptions("local", broker.URL())
	so.ClientID = t.Name() + "-ingestor"
	mo := mqttsource.DefaultOptions()
	mo.Sources = []mqttsource.SourceOptions{so}
	mo.Handler = func(m mqttsource.Message) { in.Submit(m.Source, m.Topic, m.Payload, m.At, m.Ack) }
	g, err := mqttsource.New(mo)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !g.Statuses()[0].Subscribed && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	return g
}

// publisher connects a plain paho client and returns a QoS 1 publish function.
func publisher(t *testing.T, broker *testutil.Mosquitto) func(topic string, body []byte) {
	t.Helper()
	pub := paho.NewClient(paho.NewClientOptions().AddBroker("tcp://" + broker.Addr()).SetClientID(t.Name() + "-pub"))
	if tok := pub.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	t.Cleanup(func() { pub.Disconnect(100) })
	return func(topic string, body []byte) {
		t.Helper()
		if tok := pub.Publish(topic, 1, false, body); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
			t.Fatalf("publish %q: %v", topic, tok.Error())
		}
	}
}
