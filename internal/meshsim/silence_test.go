package meshsim

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
)

// hopsOf decodes a …/packets message and returns its path hops (upper-case hex).
func hopsOf(t *testing.T, m Message) []string {
	t.Helper()
	var body struct{ Raw string }
	if err := json.Unmarshal(m.Payload, &body); err != nil {
		t.Fatal(err)
	}
	p, err := meshcore.DecodeHex(body.Raw, meshcore.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Header.Type == meshcore.PayloadTrace {
		return nil // a trace path is SNR bytes, not hops
	}
	return p.ObservationPath()
}

// TestSilence_NodeNeitherOriginatesNorRelays: a repeater silenced for the second half of
// a run appears as origin or hop (its full key prefix) in the first half and never in
// the second.
func TestSilence_NodeNeitherOriginatesNorRelays(t *testing.T) {
	w, err := NewWorld(DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	// The busiest repeater: the one with the most links.
	var r *Node
	for _, n := range w.Nodes {
		if n.Role == meshcore.RoleRepeater && n.Observer == nil && (r == nil || len(n.links) > len(r.links)) {
			r = n
		}
	}
	g := NewGenerator(w)
	start := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	mid := start.Add(12 * time.Hour)
	g.Silence(r, mid, start.Add(48*time.Hour))
	before, after := 0, 0
	for i := 0; i < 6000; i++ {
		at := start.Add(time.Duration(i) * 24 * time.Hour / 6000)
		msgs, err := g.Step(at)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.Info == nil {
				continue
			}
			hit := m.Info.Origin == r
			for _, h := range hopsOf(t, m) {
				if len(h) >= 4 && strings.EqualFold(h, hexString(r.Pub[:len(h)/2])) {
					hit = true
				}
			}
			if hit && at.Before(mid) {
				before++
			} else if hit {
				after++
				t.Errorf("step at %s: silenced repeater in %s (origin %v)", at, m.Topic, m.Info.Origin == r)
			}
		}
	}
	if before == 0 {
		t.Fatal("the repeater never appears before its outage: the test proves nothing")
	}
	t.Logf("repeater %s in %d messages before its outage, %d after", r.Name, before, after)
}
