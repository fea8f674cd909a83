package mqttsource

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// PublisherOptions configures a Publisher (used by the simulator and test tools to
// publish the way observer uploaders do).
type PublisherOptions struct {
	Broker             string // mqtt://, mqtts://, tcp://, ssl://, ws://, wss://
	ClientID           string
	Username, Password string
	InsecureSkipVerify bool
	QoS                byte
	// MaxInflight is how many publishes may await their broker acknowledgement at once.
	MaxInflight    int
	ConnectTimeout time.Duration
	// ConnectRetry keeps retrying the first connect (every second) until ConnectTimeout,
	// for a broker that is still starting.
	ConnectRetry bool
}

// DefaultPublisherOptions returns QoS 1 publishing with 256 messages in flight.
func DefaultPublisherOptions(broker, clientID string) PublisherOptions {
	return PublisherOptions{Broker: broker, ClientID: clientID, QoS: 1, MaxInflight: 256, ConnectTimeout: 15 * time.Second}
}

// Publisher is one paho client that publishes messages. It is not safe for concurrent use.
type Publisher struct {
	opts    PublisherOptions
	client  paho.Client
	pending []paho.Token
}

// NewPublisher validates opts and builds the client; it does no I/O.
func NewPublisher(opts PublisherOptions) (*Publisher, error) {
	broker, tlsOn, err := pahoBroker(opts.Broker)
	if err != nil {
		return nil, err
	}
	if opts.MaxInflight < 1 {
		opts.MaxInflight = 1
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = 15 * time.Second
	}
	po := paho.NewClientOptions().AddBroker(broker).SetClientID(clientIDSafe(opts.ClientID)).
		SetCleanSession(true).SetAutoReconnect(true).SetConnectTimeout(10 * time.Second).
		SetWriteTimeout(10 * time.Second).SetKeepAlive(30 * time.Second).
		SetConnectRetry(opts.ConnectRetry).SetConnectRetryInterval(time.Second)
	if opts.Username != "" {
		po.SetUsername(opts.Username)
		po.SetPassword(opts.Password)
	}
	if tlsOn {
		po.SetTLSConfig(&tls.Config{InsecureSkipVerify: opts.InsecureSkipVerify, MinVersion: tls.VersionTLS12})
	}
	return &Publisher{opts: opts, client: paho.NewClient(po)}, nil
}

// Open connects to the broker, waiting at most ConnectTimeout.
func (p *Publisher) Open(ctx context.Context) error {
	tok := p.client.Connect()
	if err := wait(ctx, tok, p.opts.ConnectTimeout); err != nil {
		return fmt.Errorf("connect %s: %w", redact(p.opts.Broker), err)
	}
	return nil
}

// Publish sends one message, blocking while MaxInflight publishes are unacknowledged.
func (p *Publisher) Publish(ctx context.Context, topic string, payload []byte) error {
	for len(p.pending) >= p.opts.MaxInflight {
		tok := p.pending[0]
		p.pending = p.pending[1:]
		if err := wait(ctx, tok, 30*time.Second); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	p.pending = append(p.pending, p.client.Publish(topic, p.opts.QoS, false, payload))
	return nil
}

// Flush waits until every publish so far is acknowledged.
func (p *Publisher) Flush(ctx context.Context) error {
	for len(p.pending) > 0 {
		tok := p.pending[0]
		p.pending = p.pending[1:]
		if err := wait(ctx, tok, 30*time.Second); err != nil {
			return fmt.Errorf("flush publishes: %w", err)
		}
	}
	return nil
}

// Close flushes outstanding publishes and disconnects.
func (p *Publisher) Close(ctx context.Context) error {
	err := p.Flush(ctx)
	p.client.Disconnect(1000)
	return err
}

// errTimeout is returned when the broker does not complete an operation in time.
var errTimeout = errors.New("timed out")

func wait(ctx context.Context, tok paho.Token, limit time.Duration) error {
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case <-tok.Done():
		return tok.Error()
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return errTimeout
	}
}
