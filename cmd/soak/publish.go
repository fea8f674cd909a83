package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

type publishResult struct {
	sent, failed int64
	err          string
}

// publishLoad publishes unique direct RESPONSE packets (random ciphertext, so every
// message is a new transmission with one observation) round-robin over o.observers
// observer topics at o.rate per second, QoS 1, until ctx ends.
func publishLoad(ctx context.Context, o options) publishResult {
	var res publishResult
	opts := paho.NewClientOptions().AddBroker(o.broker).SetClientID(fmt.Sprintf("corescope-soak-%d", time.Now().UnixNano())).
		SetConnectTimeout(10 * time.Second).SetMaxResumePubInFlight(1000)
	c := paho.NewClient(opts)
	if tok := c.Connect(); !tok.WaitTimeout(15*time.Second) || tok.Error() != nil {
		res.err = fmt.Sprintf("connect %s: %v", o.broker, tok.Error())
		return res
	}
	defer c.Disconnect(2000)
	topics := make([]string, o.observers)
	for i := range topics {
		topics[i] = fmt.Sprintf("meshcore/SJC/%s/packets", strings.Repeat(fmt.Sprintf("%02X", 0x10+i), 32))
	}
	interval := time.Duration(float64(time.Second) / o.rate)
	next := time.Now()
	pending := make(chan paho.Token, 4096)
	done := make(chan struct{})
	go func() { // confirm QoS 1 acknowledgements without pacing the sender on them
		defer close(done)
		for tok := range pending {
			if !tok.WaitTimeout(30*time.Second) || tok.Error() != nil {
				res.failed++
			}
		}
	}()
	ct := make([]byte, 16)
	for i := 0; ctx.Err() == nil; i++ {
		rand.Read(ct)
		raw := strings.ToUpper("06001f5d97f8" + hex.EncodeToString(ct))
		body := fmt.Sprintf(`{"origin":"Soak %d","timestamp":%q,"type":"PACKET","direction":"rx","raw":%q,"SNR":"%d.5","RSSI":"-%d","score":1000}`,
			i%o.observers, time.Now().UTC().Format(time.RFC3339), raw, i%12-3, 70+i%40)
		pending <- c.Publish(topics[i%len(topics)], 1, false, body)
		res.sent++
		next = next.Add(interval)
		if d := time.Until(next); d > 0 {
			select {
			case <-ctx.Done():
			case <-time.After(d):
			}
		}
	}
	close(pending)
	<-done
	return res
}
