package main

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/meshsim"
)

// worldFlags are the simulator options a dataset was built with; the ingest phase
// rebuilds the same world (same nodes and observers) with a different traffic seed, so
// every packet it publishes is new while its observers and senders already exist.
type worldFlags struct {
	seed, trafficSeed uint64
	profile           string
	nodes, observers  int // 0 = the profile's
	obsPerTx          float64
}

// packetSource hands out the simulator's packet messages one at a time, as observers
// publish them: each packet is a new transmission heard by several observers.
type packetSource struct {
	g   *meshsim.Generator
	buf []hashedMessage
	// seen holds the hashes of earlier steps: steps run on the wall clock, many per
	// second, so a node may advertise (or repeat a message) twice within one second,
	// which makes the same packet; such repeats are skipped to keep every packet new.
	seen map[string]struct{}
}

type hashedMessage struct {
	m    meshsim.Message
	hash string
}

func newPacketSource(f worldFlags) (*packetSource, error) {
	o := meshsim.DefaultOptions()
	if f.profile != "" {
		if err := meshsim.ApplyProfile(&o, f.profile); err != nil {
			return nil, err
		}
	}
	if f.nodes > 0 {
		o.Nodes = f.nodes
	}
	if f.observers > 0 {
		o.Observers = f.observers
	}
	if f.obsPerTx > 0 {
		o.ObserversPerTx = f.obsPerTx
	}
	o.Seed, o.TrafficSeed, o.AdvertRound = f.seed, f.trafficSeed, false
	w, err := meshsim.NewWorld(o)
	if err != nil {
		return nil, err
	}
	return &packetSource{g: meshsim.NewGenerator(w), seen: map[string]struct{}{}}, nil
}

// next returns the next packet message's topic, body and the content hash the ingestor
// stores for its packet. Status messages are skipped: only observations are measured.
func (s *packetSource) next() (topic string, body []byte, hash string, err error) {
	for len(s.buf) == 0 {
		if err := s.step(); err != nil {
			return "", nil, "", err
		}
	}
	h := s.buf[0]
	s.buf = s.buf[1:]
	return h.m.Topic, h.m.Payload, h.hash, nil
}

// step generates the next scenario's packet messages, without packets seen before.
func (s *packetSource) step() error {
	msgs, err := s.g.Step(time.Now())
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	start := len(s.buf)
	for _, m := range msgs {
		if m.Info == nil {
			continue
		}
		var b struct {
			Raw string `json:"raw"`
		}
		if err := json.Unmarshal(m.Payload, &b); err != nil {
			return fmt.Errorf("read generated message: %w", err)
		}
		hash, err := meshcore.ContentHashHex(b.Raw)
		if err != nil {
			return fmt.Errorf("hash generated packet: %w", err)
		}
		if _, old := s.seen[hash]; !old {
			s.buf = append(s.buf, hashedMessage{m, hash})
		}
	}
	for _, h := range s.buf[start:] {
		s.seen[h.hash] = struct{}{}
	}
	return nil
}
