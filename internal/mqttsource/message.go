package mqttsource

import (
	"sync"
	"time"
)

// Message is one MQTT message handed to the handler.
type Message struct {
	Source  string
	Topic   string
	Payload []byte
	// At is when the callback received it (receipt clock).
	At  time.Time
	ack func()
}

// NewMessage builds a Message whose Ack calls ack once (nil ack is a no-op). Used by
// tests and by producers other than paho (e.g. manual injection).
func NewMessage(source, topic string, payload []byte, at time.Time, ack func()) Message {
	m := Message{Source: source, Topic: topic, Payload: payload, At: at}
	if ack != nil {
		var once sync.Once
		m.ack = func() { once.Do(ack) }
	}
	return m
}

// Ack acknowledges the message to the broker (PUBACK for QoS 1). Safe to call more
// than once; only the first call counts.
func (m Message) Ack() {
	if m.ack != nil {
		m.ack()
	}
}
