package ingest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/mqttsource"
	"github.com/corescope/corescope/internal/testutil"
)

// TestIngester_RealMosquittoEndToEnd runs the production wiring in-process: Mosquitto →
// mqttsource (manual ack) → ingest → SQLite, with packets and status from three observers.
func TestIngester_RealMosquittoEndToEnd(t *testing.T) {
	broker := testutil.StartMosquitto(t)
	db, _ := testutil.OpenTestDB(t)
	vs := fixtureVectors(t)
	in := openIngester(t, db, func(o *ingest.Options) { o.ChannelKeys = vectorKeys(t, vs) })

	so := mqttsource.DefaultSourceOptions("local", broker.URL())
	so.ClientID = "e2e-ingestor"
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

	pub := paho.NewClient(paho.NewClientOptions().AddBroker("tcp://" + broker.Addr()).SetClientID("e2e-pub"))
	if tok := pub.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	defer pub.Disconnect(100)
	send := func(topic string, body []byte) {
		if tok := pub.Publish(topic, 1, false, body); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
			t.Fatalf("publish: %v", tok.Error())
		}
	}
	for oi, obs := range observerKeys {
		send("meshcore/SJC/"+obs+"/status", fmt.Appendf(nil,
			`{"status":"online","origin":"Observer %d","model":"Heltec V3","firmware_version":"1.12.0","client_version":"meshcoretomqtt/1.0.8.0","radio":"910.525,62.5,7,5","stats":{"battery_mv":4209,"uptime_secs":75821,"noise_floor":-109,"tx_air_secs":80,"rx_air_secs":1903,"recv_errors":934}}`, oi))
		for i, v := range vs {
			send("meshcore/SJC/"+obs+"/packets", packetJSON(v.RawHex, i))
		}
	}
	good, hashes := 0, map[string]bool{}
	for _, v := range vs {
		if decodable(v) {
			good++
			hashes[v.ContentHash] = true
		}
	}
	deadline = time.Now().Add(30 * time.Second)
	for countRows(t, db, `SELECT COUNT(*) FROM observations`) < 3*good && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	g.Close(context.Background())
	closeIngester(t, in)

	if got := countRows(t, db, `SELECT COUNT(*) FROM observations`); got != 3*good {
		t.Errorf("observations: got %d, want %d", got, 3*good)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM transmissions`); got != len(hashes) {
		t.Errorf("transmissions: got %d, want %d", got, len(hashes))
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observers WHERE model = 'Heltec V3' AND firmware = '1.12.0'
		AND battery_mv = 4209 AND noise_floor = -109 AND iata = 'SJC' AND packet_count = ?`, good+1); got != 3 {
		t.Errorf("observers with status metadata and packet_count %d: got %d, want 3", good+1, got)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observer_metrics WHERE recv_errors = 934 AND rx_air_secs = 1903`); got != 3 {
		t.Errorf("observer_metrics rows: got %d, want 3", got)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM transmissions WHERE payload_type = 5 AND channel_hash NOT LIKE 'enc_%'
		AND json_extract(decoded_json, '$.type') = 'CHAN'`); got == 0 {
		t.Error("no decrypted channel messages stored")
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations WHERE snr IS NOT NULL AND rssi IS NOT NULL AND direction = 'rx'`); got != 3*good {
		t.Errorf("observations with radio fields: got %d, want %d", got, 3*good)
	}
}
