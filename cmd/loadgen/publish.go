package main

import (
	"fmt"
	"time"

	"github.com/corescope/corescope/internal/meshsim/loadtest"
	paho "github.com/eclipse/paho.mqtt.golang"
)

// publisher sends loadtest.PacketMessage bodies round-robin over a few observer topics.
type publisher struct {
	c         paho.Client
	observers int
	n         int
}

func newPublisher(broker string, observers int) (*publisher, error) {
	opts := paho.NewClientOptions().AddBroker(broker).SetClientID(fmt.Sprintf("corescope-bench-%d", time.Now().UnixNano())).
		SetConnectTimeout(10 * time.Second).SetMaxResumePubInFlight(1000)
	c := paho.NewClient(opts)
	if tok := c.Connect(); !tok.WaitTimeout(15*time.Second) || tok.Error() != nil {
		return nil, fmt.Errorf("connect %s: %v", broker, tok.Error())
	}
	return &publisher{c: c, observers: max(observers, 1)}, nil
}

// message returns the next message's topic, body and the content hash the ingestor
// will store for it.
func (p *publisher) message() (topic, body, hash string, err error) {
	i := p.n
	p.n++
	body, hash, err = loadtest.PacketMessage("Bench", i, i%p.observers)
	return loadtest.ObserverTopic("BEN", i%p.observers), body, hash, err
}

func (p *publisher) close() { p.c.Disconnect(2000) }
