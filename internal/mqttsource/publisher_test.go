package mqttsource_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/corescope/corescope/internal/mqttsource"
	"github.com/corescope/corescope/internal/testutil"
)

func TestPublisher_DeliversAllMessages(t *testing.T) {
	m := testutil.StartMosquitto(t)
	var got atomic.Int64
	so := paho.NewClientOptions().AddBroker("tcp://" + m.Addr()).SetClientID("pubtest-sub")
	sub := paho.NewClient(so)
	if tok := sub.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("subscriber connect: %v", tok.Error())
	}
	defer sub.Disconnect(100)
	if tok := sub.Subscribe("meshcore/#", 1, func(paho.Client, paho.Message) { got.Add(1) }); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("subscribe: %v", tok.Error())
	}
	o := mqttsource.DefaultPublisherOptions(m.URL(), "pubtest-pub")
	o.MaxInflight = 8
	p, err := mqttsource.NewPublisher(o)
	if err != nil {
		t.Fatalf("new publisher: %v", err)
	}
	ctx := context.Background()
	if err := p.Open(ctx); err != nil {
		t.Fatalf("open: %v", err)
	}
	const n = 100
	for i := 0; i < n; i++ {
		if err := p.Publish(ctx, fmt.Sprintf("meshcore/SFO/AA%02d/packets", i%4), []byte(`{"raw":"1100"}`)); err != nil {
			t.Fatalf("publish %d: %v", i, err)
		}
	}
	if err := p.Close(ctx); err != nil {
		t.Fatalf("close: %v", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for got.Load() < n && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got.Load() != n {
		t.Errorf("received: got %d, want %d", got.Load(), n)
	}
}

func TestPublisher_RejectsBadBroker(t *testing.T) {
	if _, err := mqttsource.NewPublisher(mqttsource.DefaultPublisherOptions("ftp://x:1", "c")); err == nil {
		t.Errorf("got nil error for an unsupported scheme, want one")
	}
}

func TestPublisher_OpenFailsWithoutBroker(t *testing.T) {
	o := mqttsource.DefaultPublisherOptions(fmt.Sprintf("mqtt://127.0.0.1:%d", testutil.FreePort(t)), "c")
	o.ConnectTimeout = 2 * time.Second
	p, err := mqttsource.NewPublisher(o)
	if err != nil {
		t.Fatalf("new publisher: %v", err)
	}
	if err := p.Open(context.Background()); err == nil {
		t.Errorf("got nil error connecting to a closed port, want one")
	}
}
