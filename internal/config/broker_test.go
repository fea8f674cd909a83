package config

import "testing"

func TestMQTTSource_EndpointAndTopicPrefix(t *testing.T) {
	for _, c := range []struct {
		broker string
		topics []string
		want   BrokerEndpoint
		ok     bool
		prefix string
	}{
		{"mqtt://localhost:1883", nil, BrokerEndpoint{"mqtt", "localhost", 1883, true}, true, "meshcore"},
		{"tcp://127.0.0.1:1884", []string{"meshcore/#"}, BrokerEndpoint{"tcp", "127.0.0.1", 1884, true}, true, "meshcore"},
		{"mqtts://user:secret@mqtt.example.org", []string{"mesh/SJC/#"}, BrokerEndpoint{"mqtts", "mqtt.example.org", 8883, false}, true, "mesh"},
		{"wss://[::1]/mqtt", []string{"+/x"}, BrokerEndpoint{"wss", "::1", 443, true}, true, "meshcore"},
		{"mqtt://0.0.0.0:2883", nil, BrokerEndpoint{"mqtt", "0.0.0.0", 2883, true}, true, "meshcore"},
		{"http://example.org", nil, BrokerEndpoint{}, false, "meshcore"},
		{"not a url", nil, BrokerEndpoint{}, false, "meshcore"},
		{"mqtt://host:notaport", nil, BrokerEndpoint{}, false, "meshcore"},
	} {
		s := MQTTSource{Broker: c.broker, Topics: c.topics}
		got, ok := s.Endpoint()
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("%s: got %+v %v, want %+v %v", c.broker, got, ok, c.want, c.ok)
		}
		if p := s.TopicPrefix(); p != c.prefix {
			t.Errorf("%s: prefix %q, want %q", c.broker, p, c.prefix)
		}
	}
}
