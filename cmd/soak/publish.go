package main

import (
	"context"
	"fmt"
	"time"

	"github.com/corescope/corescope/internal/meshsim/loadtest"
	paho "github.com/eclipse/paho.mqtt.golang"
)

type publishResult struct {
	sent, failed int64
	err          string
}

// publishLoad publishes loadtest.PacketMessage bodies (each a new transmission with one
// observation) round-robin over o.observers
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
		topics[i] = loadtest.ObserverTopic("SJC", i)
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
	for i := 0; ctx.Err() == nil; i++ {
		body, _, err := loadtest.PacketMessage("Soak", i, i%o.observers)
		if err != nil {
			res.err = err.Error()
			break
		}
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
