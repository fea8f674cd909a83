package main

import (
	"fmt"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// publisher publishes a packetSource's messages over one MQTT connection.
type publisher struct {
	c   paho.Client
	src *packetSource
}

func newPublisher(broker string, src *packetSource) (*publisher, error) {
	opts := paho.NewClientOptions().AddBroker(broker).SetClientID(fmt.Sprintf("corescope-bench-%d", time.Now().UnixNano())).
		SetConnectTimeout(10 * time.Second).SetMaxResumePubInFlight(1000)
	c := paho.NewClient(opts)
	if tok := c.Connect(); !tok.WaitTimeout(15*time.Second) || tok.Error() != nil {
		return nil, fmt.Errorf("connect %s: %v", broker, tok.Error())
	}
	return &publisher{c: c, src: src}, nil
}

// message returns the next message's topic, body and the content hash the ingestor
// will store for it.
func (p *publisher) message() (topic string, body []byte, hash string, err error) {
	return p.src.next()
}

func (p *publisher) close() { p.c.Disconnect(2000) }
