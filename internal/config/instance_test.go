package config

import (
	"errors"
	"testing"
)

// TestLoad_InstancePortsFollowPORT: an instance's loopback listeners follow PORT and its stats
// file sits next to its database, so two instances with different PORT values share no port;
// explicit keys and "off" still win.
func TestLoad_InstancePortsFollowPORT(t *testing.T) {
	cases := []struct {
		name, file                    string
		env                           map[string]string
		inject, metrics, stats, lsten string
	}{
		{"defaults", `{}`, nil, "127.0.0.1:3001", "127.0.0.1:3002", "data/ingestor-stats.json", "127.0.0.1"},
		{"PORT=3100", `{}`, map[string]string{EnvPort: "3100"}, "127.0.0.1:3101", "127.0.0.1:3102",
			"data/ingestor-stats.json", "127.0.0.1"},
		{"file port", `{"port":4000}`, nil, "127.0.0.1:4001", "127.0.0.1:4002", "data/ingestor-stats.json", "127.0.0.1"},
		{"explicit keys win", `{"port":4000,"listen":"0.0.0.0","ingestor":{"injectListen":"127.0.0.1:5001","statsPath":"/x.json"},"prometheus":{"ingestorListen":"127.0.0.1:5002"}}`,
			nil, "127.0.0.1:5001", "127.0.0.1:5002", "/x.json", "0.0.0.0"},
		{"off", `{"ingestor":{"injectListen":"off"},"prometheus":{"ingestorListen":"off"}}`, map[string]string{EnvListen: "::"},
			"", "", "data/ingestor-stats.json", "::"},
		{"top port: free ports", `{"port":65535}`, nil, "127.0.0.1:0", "127.0.0.1:0", "data/ingestor-stats.json", "127.0.0.1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(writeConfig(t, tc.file), env(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			if c.Ingestor.InjectListen != tc.inject || c.Prometheus.IngestorListen != tc.metrics ||
				c.StatsFile() != tc.stats || c.Listen != tc.lsten {
				t.Errorf("got inject=%q metrics=%q stats=%q listen=%q, want %q %q %q %q", c.Ingestor.InjectListen,
					c.Prometheus.IngestorListen, c.StatsFile(), c.Listen, tc.inject, tc.metrics, tc.stats, tc.lsten)
			}
		})
	}
}

func TestValidate_ListenIsHostOnly(t *testing.T) {
	for v, ok := range map[string]bool{"127.0.0.1": true, "0.0.0.0": true, "::": true, "[::1]": true, "localhost": true,
		"my-host.lan": true, "0.0.0.0:3000": false, "::1:x": false, "a b": false} {
		c, err := Load("", env(map[string]string{EnvListen: v}))
		if err != nil {
			t.Fatal(err)
		}
		err = c.Validate()
		var fe *FieldError
		if ok && err != nil {
			t.Errorf("listen %q: unexpected error %v", v, err)
		}
		if !ok && (!errors.As(err, &fe) || fe.Field != "listen") {
			t.Errorf("listen %q: got %v, want a listen field error", v, err)
		}
	}
}

func TestListenAddr(t *testing.T) {
	for listen, want := range map[string]string{"127.0.0.1": "127.0.0.1:3000", "::": "[::]:3000", "[::1]": "[::1]:3000"} {
		c := &Config{}
		c.Listen, c.Port = listen, 3000
		if got := c.ListenAddr(); got != want {
			t.Errorf("ListenAddr(%q) = %q, want %q", listen, got, want)
		}
	}
}
