// Command corescope-publish publishes MeshCore packets to MQTT the way observers do, for
// tests and demos: packets come from a vectors.json file (-vectors) or hex arguments,
// are sent from -observers synthetic observers on meshcore/<IATA>/<OBSERVER>/packets at
// QoS 1, optionally paced with -rate messages per second, and repeated -repeat times.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

func main() { os.Exit(run()) }

func run() int {
	broker := flag.String("broker", "mqtt://127.0.0.1:1883", "broker URL (mqtt://, mqtts://, ws://, wss://)")
	vectors := flag.String("vectors", "", "vectors.json to read raw_hex from (fixture packets)")
	all := flag.Bool("all", false, "with -vectors: include edge-case vectors, not only fixture packets")
	observers := flag.Int("observers", 1, "number of synthetic observers publishing every packet")
	iata := flag.String("iata", "SFO", "IATA region in the topic")
	rate := flag.Float64("rate", 0, "messages per second (0 = as fast as possible)")
	repeat := flag.Int("repeat", 1, "publish the packet set this many times")
	status := flag.Bool("status", true, "publish one status message per observer first")
	user := flag.String("username", "", "broker username")
	pass := flag.String("password", "", "broker password")
	flag.Parse()

	packets, err := loadPackets(*vectors, *all, flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "publish:", err)
		return 2
	}
	if len(packets) == 0 || *observers < 1 {
		fmt.Fprintln(os.Stderr, "publish: nothing to publish (give -vectors or hex arguments)")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	opts := paho.NewClientOptions().AddBroker(pahoURL(*broker)).
		SetClientID(fmt.Sprintf("corescope-publish-%d", os.Getpid())).SetConnectTimeout(10 * time.Second)
	if *user != "" {
		opts.SetUsername(*user).SetPassword(*pass)
	}
	c := paho.NewClient(opts)
	if tok := c.Connect(); !tok.WaitTimeout(15*time.Second) || tok.Error() != nil {
		fmt.Fprintln(os.Stderr, "publish: connect:", tok.Error())
		return 1
	}
	defer c.Disconnect(1000)

	obs := observerIDs(*observers)
	if *status {
		for i, o := range obs {
			body := fmt.Sprintf(`{"status":"online","origin":"Publisher %d","model":"corescope-publish","firmware_version":"test","client_version":"corescope-publish/1","radio":"910.525,62.5,7,5","stats":{"battery_mv":4100,"uptime_secs":%d,"noise_floor":-110}}`, i+1, 60+i)
			if err := send(c, fmt.Sprintf("meshcore/%s/%s/status", *iata, o), body); err != nil {
				fmt.Fprintln(os.Stderr, "publish:", err)
				return 1
			}
		}
	}
	var interval time.Duration
	if *rate > 0 {
		interval = time.Duration(float64(time.Second) / *rate)
	}
	next := time.Now()
	sent := 0
	for r := 0; r < *repeat; r++ {
		for i, raw := range packets {
			for j, o := range obs {
				if ctx.Err() != nil {
					fmt.Printf("published %d\n", sent)
					return 130
				}
				body := fmt.Sprintf(`{"origin":"Publisher %d","timestamp":%q,"type":"PACKET","direction":"rx","raw":%q,"SNR":%q,"RSSI":%q,"score":%d}`,
					j+1, time.Now().UTC().Format(time.RFC3339), raw, fmt.Sprintf("%.1f", float64((i+j)%20)-5), fmt.Sprintf("%d", -70-(i+j)%40), 1000)
				if err := send(c, fmt.Sprintf("meshcore/%s/%s/packets", *iata, o), body); err != nil {
					fmt.Fprintln(os.Stderr, "publish:", err)
					return 1
				}
				sent++
				if interval > 0 {
					next = next.Add(interval)
					time.Sleep(time.Until(next))
				}
			}
		}
	}
	fmt.Printf("published %d\n", sent)
	return 0
}

func send(c paho.Client, topic, body string) error {
	tok := c.Publish(topic, 1, false, body)
	if !tok.WaitTimeout(30*time.Second) || tok.Error() != nil {
		return fmt.Errorf("publish %s: %v", topic, tok.Error())
	}
	return nil
}

func pahoURL(u string) string {
	switch {
	case strings.HasPrefix(u, "mqtt://"):
		return "tcp://" + strings.TrimPrefix(u, "mqtt://")
	case strings.HasPrefix(u, "mqtts://"):
		return "ssl://" + strings.TrimPrefix(u, "mqtts://")
	}
	return u
}
