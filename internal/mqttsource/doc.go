// Package mqttsource runs one paho MQTT client per configured broker: it subscribes on
// every (re)connect, reconnects with bounded backoff, forces a reconnect when a connected
// feed goes silent (watchdog), tracks per-source status, and hands every message to a
// handler as a Message{Source, Topic, Payload, At}.
//
// Clients use a fixed client id, a persistent session (CleanSession false) and QoS 1, so
// the broker queues messages while the ingestor is down. With Options.ManualAck the
// PUBACK is sent only when the handler's consumer calls Message.Ack, i.e. after the
// message is committed; a crash before that makes the broker redeliver it.
//
// It is the only package that imports paho.mqtt.golang.
package mqttsource
