package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	paho "github.com/eclipse/paho.mqtt.golang"
)

// publisher sends unique direct RESPONSE packets (random ciphertext, so each message is
// one new transmission with one observation) round-robin over a few observer topics.
type publisher struct {
	c      paho.Client
	topics []string
	n      int
}

func newPublisher(broker string, observers int) (*publisher, error) {
	opts := paho.NewClientOptions().AddBroker(broker).SetClientID(fmt.Sprintf("corescope-bench-%d", time.Now().UnixNano())).
		SetConnectTimeout(10 * time.Second).SetMaxResumePubInFlight(1000)
	c := paho.NewClient(opts)
	if tok := c.Connect(); !tok.WaitTimeout(15*time.Second) || tok.Error() != nil {
		return nil, fmt.Errorf("connect %s: %v", broker, tok.Error())
	}
	p := &publisher{c: c}
	for i := range max(observers, 1) {
		p.topics = append(p.topics, fmt.Sprintf("meshcore/BEN/%s/packets", strings.Repeat(fmt.Sprintf("%02X", 0x20+i), 32)))
	}
	return p, nil
}

// message returns the next message body, its topic and the content hash the ingestor
// will store for it.
func (p *publisher) message() (topic, body, hash string, err error) {
	ct := make([]byte, 16)
	rand.Read(ct)
	raw := strings.ToUpper("06001f5d97f8" + hex.EncodeToString(ct))
	if hash, err = meshcore.ContentHashHex(raw); err != nil {
		return "", "", "", fmt.Errorf("hash packet: %w", err)
	}
	i := p.n
	p.n++
	body = fmt.Sprintf(`{"origin":"Bench %d","timestamp":%q,"type":"PACKET","direction":"rx","raw":%q,"SNR":"%d.5","RSSI":"-%d","score":1000}`,
		i%len(p.topics), time.Now().UTC().Format(time.RFC3339), raw, i%12-3, 70+i%40)
	return p.topics[i%len(p.topics)], body, hash, nil
}

func (p *publisher) close() { p.c.Disconnect(2000) }
