package ingest_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/corescope/corescope/internal/mqttsource"
	"github.com/corescope/corescope/internal/storage"
	"github.com/corescope/corescope/internal/testutil"
)

// TestIngester_ScopeReportsOverMosquitto publishes observer /neighbors reports and
// client /regions answers through a real broker into a real SQLite file: every answer
// is kept, a failed query or a neighbour missing from a later report never clears what
// is known, an empty client array is a real answer, the newest confirmed answer wins,
// and bad input is counted, never fatal.
func TestIngester_ScopeReportsOverMosquitto(t *testing.T) {
	broker := testutil.StartMosquitto(t)
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, nil)
	so := mqttsource.DefaultSourceOptions("local", broker.URL())
	so.ClientID = "scopes-ingestor"
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
	defer g.Close(context.Background())
	for deadline := time.Now().Add(10 * time.Second); !g.Statuses()[0].Subscribed && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	pub := paho.NewClient(paho.NewClientOptions().AddBroker("tcp://" + broker.Addr()).SetClientID("scopes-pub"))
	if tok := pub.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	defer pub.Disconnect(100)
	send := func(topic, body string) {
		if tok := pub.Publish(topic, 1, false, []byte(body)); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
			t.Fatalf("publish: %v", tok.Error())
		}
	}
	key := func(c string) string { return strings.Repeat(c, 64) }
	obs, n1, n2, n3, client := key("a"), key("b"), key("c"), key("d"), key("e")
	ts := func(h int) string { return time.Now().UTC().Add(time.Duration(h-10) * time.Hour).Format(time.RFC3339) }

	// Client answer older than the observer's report: it must lose for n2.
	send("meshcore/client/"+strings.ToUpper(client)+"/regions", fmt.Sprintf(`{"target":%q,"regions":["sfo"],"timestamp":%q}`, n2, ts(0)))
	send("meshcore/SJC/"+strings.ToUpper(obs)+"/neighbors", fmt.Sprintf(`{"timestamp":%q,
		"self":{"scopes":["sjc","#bay"],"denyf":"*"},
		"neighbors":[{"pubkey":%q,"scopes":["#sjc"],"status":"ok"},
		             {"public_key":%q,"scopes":["#oak"],"status":"responded"},
		             {"key":%q,"scopes":[],"status":"timeout"}]}`, ts(1), strings.ToUpper(n1), n2, n3))
	// Truncated later report: n1's query failed, n2 is missing. Neither clears anything.
	send("meshcore/SJC/"+strings.ToUpper(obs)+"/neighbours", fmt.Sprintf(`{"timestamp":%q,
		"self":["sjc","#bay"],"neighbours":[{"pubkey":%q,"scopes":[],"status":"no_response"}]}`, ts(2), n1))
	// A client's empty answer is a real answer: n3 serves no region.
	send("meshcore/client/"+client+"/regions", fmt.Sprintf(`{"target":%q,"regions":[],"timestamp":%q}`, n3, ts(3)))
	// Bad input: unparseable JSON, a non-array region list, a short target.
	send("meshcore/SJC/"+obs+"/neighbors", `{"self": [`)
	send("meshcore/client/"+client+"/regions", fmt.Sprintf(`{"target":%q,"regions":"sjc"}`, n1))
	send("meshcore/client/"+client+"/regions", `{"target":"abcd","regions":[]}`)

	const wantRows = 1 + 1 + 3 + 2 + 1 // client, self+3, self+1, client
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		bad := in.Stats(time.Now()).BadInput
		if countRows(t, db, `SELECT COUNT(*) FROM scope_answers`) >= wantRows && bad["malformed_json"] >= 2 && bad["absurd_value"] >= 1 {
			break
		}
	}
	g.Close(context.Background())
	closeIngester(t, in)

	if got := countRows(t, db, `SELECT COUNT(*) FROM scope_answers`); got != wantRows {
		t.Errorf("scope_answers rows: got %d, want %d (every answer kept)", got, wantRows)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM scope_answers WHERE responded = 0`); got != 2 {
		t.Errorf("unanswered queries kept: got %d, want 2", got)
	}
	bad := in.Stats(time.Now()).BadInput
	if bad["malformed_json"] != 2 || bad["absurd_value"] != 1 {
		t.Errorf("bad input counted: %v, want malformed_json 2, absurd_value 1", bad)
	}
	cfgs, err := storage.ScopeConfigs(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range cfgs {
		deny := "?"
		if c.DeniesUnscoped != nil {
			deny = fmt.Sprint(*c.DeniesUnscoped)
		}
		got[c.NodePubkey] = fmt.Sprintf("%v deny=%s via %s", c.Scopes, deny, c.SourceKind)
	}
	want := map[string]string{
		obs: "[#sjc #bay] deny=true via neighbors_self", // the later bare array wins; denyf from the first stays
		n1:  "[#sjc] deny=? via neighbors",              // the failed later query does not clear it
		n2:  "[#oak] deny=? via neighbors",              // missing from the truncated report; older client answer loses
		n3:  "[] deny=? via client_regions",             // an empty answer is an answer
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("newest confirmed answers:\n got %v\nwant %v", got, want)
	}
}
