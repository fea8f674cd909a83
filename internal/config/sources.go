package config

// Sources returns the effective MQTT sources (storage spec §1.1): the configured
// mqttSources; else the legacy `mqtt{broker,topic}` block as source "default"
// subscribing to [topic, "meshcore/#"]; else the local broker mqtt://localhost:1883.
// Sources without topics subscribe to meshcore/#.
func (c *Config) Sources() []MQTTSource {
	var out []MQTTSource
	switch {
	case len(c.MQTTSources) > 0:
		out = append(out, c.MQTTSources...)
	case c.MQTT != nil && c.MQTT.Broker != "":
		topics := []string{"meshcore/#"}
		if c.MQTT.Topic != "" && c.MQTT.Topic != "meshcore/#" {
			topics = []string{c.MQTT.Topic, "meshcore/#"}
		}
		out = []MQTTSource{{Name: "default", Broker: c.MQTT.Broker, Topics: topics}}
	default:
		out = []MQTTSource{{Name: "local", Broker: "mqtt://localhost:1883"}}
	}
	for i := range out {
		s := &out[i]
		if len(s.Topics) == 0 {
			s.Topics = []string{"meshcore/#"}
		}
		if s.Name == "" {
			s.Name = s.Broker
		}
		if s.ConnectTimeoutSec == 0 {
			s.ConnectTimeoutSec = 30
		}
		if s.StallTimeoutSec == 0 {
			s.StallTimeoutSec = c.Ingestor.WatchdogStallSec
		}
	}
	return out
}
