package mqttsource

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// source is one broker connection plus its status counters.
type source struct {
	opts    SourceOptions
	g       *Group
	log     *slog.Logger
	client  paho.Client
	created time.Time

	connected          atomic.Bool
	subscribed         atomic.Bool
	lastConnect        atomic.Int64
	lastDisconnect     atomic.Int64
	lastReceipt        atomic.Int64 // unix seconds
	lastReceiptNano    atomic.Int64
	lastMessage        atomic.Int64
	connectCount       atomic.Int64
	disconnectCount    atomic.Int64
	packets            atomic.Int64
	watchdogReconnects atomic.Int64
	last5m             ring5m

	mu          sync.Mutex
	lastError   string
	lastForced  time.Time
	stalled     bool
	connectedAt time.Time
}

func newSource(g *Group, o SourceOptions) (*source, error) {
	broker, tlsOn, err := pahoBroker(o.Broker)
	if err != nil {
		return nil, err
	}
	s := &source{opts: o, g: g, log: g.log.With("source", o.Name), created: g.now()}
	po := paho.NewClientOptions().
		AddBroker(broker).
		SetClientID(o.ClientID).
		SetCleanSession(o.CleanSession).
		SetOrderMatters(false).
		SetAutoReconnect(true).
		SetConnectRetry(true).
		SetConnectRetryInterval(time.Second).
		SetMaxReconnectInterval(o.MaxReconnectInterval).
		SetKeepAlive(o.KeepAlive).
		SetPingTimeout(10 * time.Second).
		SetConnectTimeout(10 * time.Second).
		SetWriteTimeout(10 * time.Second).
		SetAutoAckDisabled(g.opts.ManualAck).
		SetDefaultPublishHandler(s.onMessage).
		SetOnConnectHandler(s.onConnect).
		SetConnectionLostHandler(s.onLost).
		SetReconnectingHandler(func(paho.Client, *paho.ClientOptions) {
			s.log.Info("mqtt reconnecting")
		})
	if o.Username != "" {
		po.SetUsername(o.Username)
		po.SetPassword(o.Password)
	}
	if tlsOn {
		tc := &tls.Config{InsecureSkipVerify: o.InsecureSkipVerify, MinVersion: tls.VersionTLS12}
		if o.CAFile != "" {
			pem, err := os.ReadFile(o.CAFile)
			if err != nil {
				return nil, fmt.Errorf("read ca file: %w", err)
			}
			tc.RootCAs = x509.NewCertPool()
			if !tc.RootCAs.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("read ca file %s: no PEM certificates", o.CAFile)
			}
		}
		po.SetTLSConfig(tc)
	}
	s.client = paho.NewClient(po)
	return s, nil
}

func (s *source) onConnect(c paho.Client) {
	now := s.g.now()
	s.connected.Store(true)
	s.lastConnect.Store(now.Unix())
	n := s.connectCount.Add(1)
	s.mu.Lock()
	s.connectedAt = now
	s.mu.Unlock()
	s.log.Info("mqtt connected", "broker", redact(s.opts.Broker), "connects", n)
	filters := make(map[string]byte, len(s.opts.Topics))
	for _, t := range s.opts.Topics {
		filters[t] = s.opts.QoS
	}
	// Subscribing on every connect is harmless with a persistent session and required
	// after the broker lost it (e.g. restart without persistence).
	go func() {
		tok := c.SubscribeMultiple(filters, nil)
		if !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
			err := tok.Error()
			s.setError("subscribe failed", err)
			s.log.Warn("mqtt subscribe failed", "err", err)
			return
		}
		s.subscribed.Store(true)
	}()
}

func (s *source) onLost(_ paho.Client, err error) {
	s.connected.Store(false)
	s.subscribed.Store(false)
	s.lastDisconnect.Store(s.g.now().Unix())
	s.disconnectCount.Add(1)
	s.setError("connection lost", err)
	s.log.Warn("mqtt connection lost", "err", err)
}

func (s *source) setError(what string, err error) {
	s.mu.Lock()
	if err != nil {
		s.lastError = what + ": " + redact(err.Error())
	} else {
		s.lastError = what
	}
	s.mu.Unlock()
}

func (s *source) onMessage(_ paho.Client, m paho.Message) {
	now := s.g.now()
	s.lastReceipt.Store(now.Unix())
	s.lastReceiptNano.Store(now.UnixNano())
	s.packets.Add(1)
	s.last5m.add(now.Unix())
	// The PUBACK is handed to paho on its own goroutine: paho's ack send can block while a
	// connection is being torn down, and the caller (the ingest writer) must never stall.
	msg := NewMessage(s.opts.Name, m.Topic(), m.Payload(), now, func() { go m.Ack() })
	if s.g.opts.Handler == nil {
		msg.Ack()
		return
	}
	s.g.opts.Handler(msg)
	s.lastMessage.Store(s.g.now().Unix())
}

func (s *source) status(now time.Time) Status {
	s.mu.Lock()
	lastErr := s.lastError
	s.mu.Unlock()
	cc := s.connectCount.Load()
	connected := s.connected.Load() && s.client.IsConnectionOpen()
	return Status{
		Name: s.opts.Name, Broker: s.opts.Broker, Connected: connected, DisconnectedSinceUnix: s.disconnectedSince(connected, now),
		Subscribed:      s.subscribed.Load() && s.client.IsConnectionOpen(),
		LastConnectUnix: s.lastConnect.Load(), LastDisconnectUnix: s.lastDisconnect.Load(),
		LastPacketUnix: s.lastReceipt.Load(), LastMessageUnix: s.lastMessage.Load(),
		ConnectCount: cc, DisconnectCount: s.disconnectCount.Load(), ReconnectCount: max(cc-1, 0),
		PacketsTotal: s.packets.Load(), PacketsLast5m: s.last5m.sum(now.Unix()),
		WatchdogReconnects: s.watchdogReconnects.Load(), LastError: lastErr,
	}
}

// disconnectedSince returns when the current outage began, 0 while connected.
func (s *source) disconnectedSince(connected bool, now time.Time) int64 {
	if connected {
		return 0
	}
	lc, ld := s.lastConnect.Load(), s.lastDisconnect.Load()
	switch {
	case ld > 0 && ld >= lc:
		return ld
	case lc == 0:
		return s.created.Unix() // never connected since the process started
	default:
		return now.Unix() // the loss is being noticed right now
	}
}
