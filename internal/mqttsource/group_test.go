package mqttsource_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"sync"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/corescope/corescope/internal/mqttsource"
	"github.com/corescope/corescope/internal/testutil"
)

func publisher(t *testing.T, url string) paho.Client {
	t.Helper()
	o := paho.NewClientOptions().AddBroker("tcp" + url[len("mqtt"):]).SetClientID(fmt.Sprintf("pub-%d", time.Now().UnixNano()))
	c := paho.NewClient(o)
	if tok := c.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("publisher connect: %v", tok.Error())
	}
	t.Cleanup(func() { c.Disconnect(100) })
	return c
}

func publish(t *testing.T, c paho.Client, topic, body string) {
	t.Helper()
	if tok := c.Publish(topic, 1, false, body); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("publish: %v", tok.Error())
	}
}

type sink struct {
	mu   sync.Mutex
	msgs []mqttsource.Message
	ack  bool
}

func (s *sink) handle(m mqttsource.Message) {
	s.mu.Lock()
	s.msgs = append(s.msgs, m)
	s.mu.Unlock()
	if s.ack {
		m.Ack()
	}
}

func (s *sink) count() int { s.mu.Lock(); defer s.mu.Unlock(); return len(s.msgs) }

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func newGroup(t *testing.T, url, clientID string, s *sink, mod func(*mqttsource.Options)) *mqttsource.Group {
	t.Helper()
	so := mqttsource.DefaultSourceOptions("local", url)
	so.ClientID = clientID
	so.ConnectTimeout = 5 * time.Second
	so.MaxReconnectInterval = time.Second
	o := mqttsource.DefaultOptions()
	o.Sources = []mqttsource.SourceOptions{so}
	o.Handler = s.handle
	if mod != nil {
		mod(&o)
	}
	g, err := mqttsource.New(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGroup_ReceivesAndReportsStatus(t *testing.T) {
	m := testutil.StartMosquitto(t)
	s := &sink{ack: true}
	g := newGroup(t, m.URL(), "t-recv", s, nil)
	defer g.Close(context.Background())
	waitFor(t, "subscribed", func() bool { return g.Statuses()[0].Subscribed })
	p := publisher(t, m.URL())
	publish(t, p, "meshcore/SFO/AABB/packets", `{"raw":"00"}`)
	publish(t, p, "meshcore/SFO/AABB/status", `{"status":"online"}`)
	waitFor(t, "2 messages", func() bool { return s.count() == 2 })
	st := g.Statuses()[0]
	if st.PacketsTotal != 2 || st.PacketsLast5m != 2 || st.ConnectCount != 1 || st.LastPacketUnix == 0 {
		t.Errorf("got status %+v", st)
	}
	if got := s.msgs[0]; got.Source != "local" || got.At.IsZero() {
		t.Errorf("got message %+v", got)
	}
}

func TestGroup_UnackedMessagesRedeliveredToPersistentSession(t *testing.T) {
	m := testutil.StartMosquitto(t)
	first := &sink{ack: false}
	g := newGroup(t, m.URL(), "t-persist", first, nil)
	waitFor(t, "subscribed", func() bool { return g.Statuses()[0].Subscribed })
	p := publisher(t, m.URL())
	for i := 0; i < 5; i++ {
		publish(t, p, "meshcore/SFO/AABB/packets", fmt.Sprintf(`{"raw":"%02d"}`, i))
	}
	waitFor(t, "5 unacked", func() bool { return first.count() == 5 })
	g.Close(context.Background())
	// Published while no client is connected: queued by the broker for the session.
	publish(t, p, "meshcore/SFO/AABB/packets", `{"raw":"99"}`)

	second := &sink{ack: true}
	g2 := newGroup(t, m.URL(), "t-persist", second, nil)
	defer g2.Close(context.Background())
	waitFor(t, "6 redelivered", func() bool { return second.count() >= 6 })
	seen := map[string]bool{}
	for _, msg := range second.msgs {
		seen[string(msg.Payload)] = true
	}
	for i := 0; i < 5; i++ {
		if !seen[fmt.Sprintf(`{"raw":"%02d"}`, i)] {
			t.Errorf("message %d not redelivered", i)
		}
	}
	if !seen[`{"raw":"99"}`] {
		t.Error("message queued while offline not delivered")
	}
}

func TestGroup_WatchdogForcesReconnectOnSilence(t *testing.T) {
	m := testutil.StartMosquitto(t)
	s := &sink{ack: true}
	g := newGroup(t, m.URL(), "t-stall", s, func(o *mqttsource.Options) {
		o.Sources[0].StallTimeout = 300 * time.Millisecond
		o.WatchdogInterval = 100 * time.Millisecond
		o.ForceReconnectGap = 200 * time.Millisecond
	})
	defer g.Close(context.Background())
	waitFor(t, "forced reconnect", func() bool {
		st := g.Statuses()[0]
		return st.WatchdogReconnects >= 1 && st.ConnectCount >= 2 && st.Connected
	})
	if tick, _ := g.WatchdogInfo(); tick == 0 {
		t.Error("watchdog tick not recorded")
	}
}

func TestGroup_ReconnectsAfterBrokerRestart(t *testing.T) {
	m := testutil.StartMosquitto(t)
	s := &sink{ack: true}
	g := newGroup(t, m.URL(), "t-restart", s, nil)
	defer g.Close(context.Background())
	waitFor(t, "connected", func() bool { return g.Statuses()[0].Connected })
	if st := g.Statuses()[0]; st.DisconnectedSinceUnix != 0 {
		t.Errorf("connected source has disconnectedSinceUnix %d, want 0", st.DisconnectedSinceUnix)
	}
	stopped := time.Now().Unix()
	m.Stop()
	waitFor(t, "disconnect noticed", func() bool { return !g.Statuses()[0].Connected })
	// The outage counts from the disconnect (to the second), not from the last connect.
	if st := g.Statuses()[0]; st.DisconnectedSinceUnix < stopped || st.DisconnectedSinceUnix != st.LastDisconnectUnix {
		t.Errorf("during the outage: disconnectedSinceUnix %d, want the disconnect time %d (stopped at %d)",
			st.DisconnectedSinceUnix, st.LastDisconnectUnix, stopped)
	}
	m.Start()
	waitFor(t, "reconnected", func() bool { st := g.Statuses()[0]; return st.Subscribed && st.ReconnectCount >= 1 })
	if st := g.Statuses()[0]; st.DisconnectedSinceUnix != 0 {
		t.Errorf("reconnected source has disconnectedSinceUnix %d, want 0", st.DisconnectedSinceUnix)
	}
	publish(t, publisher(t, m.URL()), "meshcore/SFO/AABB/packets", `{"raw":"01"}`)
	waitFor(t, "message after restart", func() bool { return s.count() == 1 })
	if st := g.Statuses()[0]; st.DisconnectCount < 1 || st.LastError == "" {
		t.Errorf("got status %+v, want a recorded disconnect and error", st)
	}
}

func TestNew_RejectsBadBroker(t *testing.T) {
	for _, b := range []string{"http://x:1", "nohost", ""} {
		o := mqttsource.DefaultOptions()
		o.Sources = []mqttsource.SourceOptions{mqttsource.DefaultSourceOptions("x", b)}
		if _, err := mqttsource.New(o); err == nil {
			t.Errorf("broker %q: got nil error", b)
		}
	}
}

func TestGroup_TLSBroker(t *testing.T) {
	m := testutil.StartMosquittoTLS(t)
	t.Run("private CA verifies", func(t *testing.T) {
		s := &sink{ack: true}
		g := newGroup(t, m.URL(), "t-tls", s, func(o *mqttsource.Options) { o.Sources[0].CAFile = m.CAFile })
		defer g.Close(context.Background())
		waitFor(t, "subscribed over TLS", func() bool { return g.Statuses()[0].Subscribed })
		pc := paho.NewClient(paho.NewClientOptions().AddBroker("ssl://" + m.Addr()).SetClientID("tls-pub").
			SetTLSConfig(&tls.Config{InsecureSkipVerify: true}))
		if tok := pc.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
			t.Fatalf("tls publisher: %v", tok.Error())
		}
		defer pc.Disconnect(100)
		publish(t, pc, "meshcore/SFO/AABB/packets", `{"raw":"00"}`)
		waitFor(t, "message over TLS", func() bool { return s.count() == 1 })
	})
	t.Run("unknown CA is refused", func(t *testing.T) {
		so := mqttsource.DefaultSourceOptions("strict", m.URL())
		so.ConnectTimeout = 2 * time.Second
		o := mqttsource.DefaultOptions()
		o.Sources = []mqttsource.SourceOptions{so}
		g, err := mqttsource.New(o)
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close(context.Background())
		g.Open(context.Background())
		time.Sleep(500 * time.Millisecond)
		if st := g.Statuses()[0]; st.Connected {
			t.Errorf("connected to a broker with an untrusted certificate: %+v", st)
		}
	})
}

func TestGroup_OpenDoesNotWaitForBroker(t *testing.T) {
	m := testutil.StartMosquitto(t)
	m.Stop() // the broker comes up only after the ingestor started
	s := &sink{ack: true}
	start := time.Now()
	g := newGroup(t, m.URL(), "t-late", s, func(o *mqttsource.Options) { o.Sources[0].ConnectTimeout = 300 * time.Millisecond })
	defer g.Close(context.Background())
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Open blocked %v on an absent broker", d)
	}
	waitFor(t, "not-connected status", func() bool { return g.Statuses()[0].LastError != "" })
	m.Start()
	waitFor(t, "late connect", func() bool { return g.Statuses()[0].Subscribed })
}
