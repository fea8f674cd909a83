package meshsim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
)

type memSink struct{ msgs []Message }

func (s *memSink) Send(_ context.Context, m Message) error {
	s.msgs = append(s.msgs, m)
	return nil
}

func TestRun_LimitAndSimulatedClock(t *testing.T) {
	w, err := NewWorld(DefaultOptions())
	if err != nil {
		t.Fatalf("new world: %v", err)
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ro := RunOptions{Limit: 500, Start: start, Span: time.Hour}
	s := &memSink{}
	st, err := Run(context.Background(), NewGenerator(w), s, ro)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if st.Packets != 500 || st.Statuses < int64(len(w.Observers)) {
		t.Errorf("stats: got %+v, want 500 packets and ≥ %d statuses", st, len(w.Observers))
	}
	for _, m := range s.msgs {
		if m.At.Before(start) || m.At.After(start.Add(time.Hour+time.Minute)) {
			t.Fatalf("message at %v outside [%v, +1h]", m.At, start)
		}
	}
}

func TestRun_DeterministicForSeed(t *testing.T) {
	run := func(seed uint64) []Message {
		o := DefaultOptions()
		o.Seed = seed
		w, err := NewWorld(o)
		if err != nil {
			t.Fatalf("new world: %v", err)
		}
		s := &memSink{}
		ro := RunOptions{Limit: 300, Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Span: time.Hour}
		if _, err := Run(context.Background(), NewGenerator(w), s, ro); err != nil {
			t.Fatalf("run: %v", err)
		}
		return s.msgs
	}
	a, b, c := run(7), run(7), run(8)
	if len(a) != len(b) {
		t.Fatalf("same seed: %d vs %d messages", len(a), len(b))
	}
	for i := range a {
		if a[i].Topic != b[i].Topic || !bytes.Equal(a[i].Payload, b[i].Payload) || !a[i].At.Equal(b[i].At) {
			t.Fatalf("same seed: message %d differs:\n%s\n%s", i, a[i].Payload, b[i].Payload)
		}
	}
	if len(c) > 0 && bytes.Equal(a[len(a)-1].Payload, c[len(c)-1].Payload) {
		t.Errorf("different seeds gave the same last message")
	}
}

func TestRun_RatePacesOnWallClock(t *testing.T) {
	o := DefaultOptions()
	o.AdvertRound = false
	w, err := NewWorld(o)
	if err != nil {
		t.Fatalf("new world: %v", err)
	}
	s := &memSink{}
	began := time.Now()
	st, err := Run(context.Background(), NewGenerator(w), s, RunOptions{Rate: 200, Limit: 40})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if el := time.Since(began); st.Packets != 40 || el < 150*time.Millisecond {
		t.Errorf("got %d packets in %v, want 40 paced at 200/s (≥ 150ms)", st.Packets, el)
	}
}

func TestRun_StopsOnCancelledContext(t *testing.T) {
	w, err := NewWorld(DefaultOptions())
	if err != nil {
		t.Fatalf("new world: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	st, err := Run(ctx, NewGenerator(w), &memSink{}, RunOptions{Rate: 5})
	if err != nil || st.Packets != 0 {
		t.Errorf("got %+v, %v; want nothing sent and no error", st, err)
	}
}

type failSink struct{}

func (failSink) Send(context.Context, Message) error { return errors.New("broker gone") }

func TestRun_SinkErrorStops(t *testing.T) {
	w, err := NewWorld(DefaultOptions())
	if err != nil {
		t.Fatalf("new world: %v", err)
	}
	if _, err := Run(context.Background(), NewGenerator(w), failSink{}, RunOptions{Limit: 10}); err == nil || !strings.Contains(err.Error(), "broker gone") {
		t.Errorf("got %v, want the sink error", err)
	}
}

func TestNewWorld_RejectsBadOptions(t *testing.T) {
	for name, mod := range map[string]func(*Options){
		"no nodes":           func(o *Options) { o.Nodes = 0 },
		"observers > nodes":  func(o *Options) { o.Observers = o.Nodes + 1 },
		"zero radius":        func(o *Options) { o.RadiusKm = 0 },
		"no sites":           func(o *Options) { o.Sites = nil },
		"zero hops":          func(o *Options) { o.MaxHops = 0 },
		"absurd node count":  func(o *Options) { o.Nodes = 1 << 30 },
		"negative observers": func(o *Options) { o.Observers = -1 },
	} {
		t.Run(name, func(t *testing.T) {
			o := DefaultOptions()
			mod(&o)
			if _, err := NewWorld(o); !errors.Is(err, ErrOptions) {
				t.Errorf("got %v, want ErrOptions", err)
			}
		})
	}
}

func TestNewWorld_HasPrefixCollisionsAndObserverRegions(t *testing.T) {
	w, err := NewWorld(DefaultOptions())
	if err != nil {
		t.Fatalf("new world: %v", err)
	}
	byPrefix := map[byte]int{}
	for _, n := range w.Nodes {
		byPrefix[n.Pub[0]]++
	}
	collisions := 0
	for _, c := range byPrefix {
		if c > 1 {
			collisions++
		}
	}
	if collisions < DefaultOptions().Collisions {
		t.Errorf("1-byte prefix collisions: got %d, want ≥ %d", collisions, DefaultOptions().Collisions)
	}
	iatas := map[string]bool{}
	for _, o := range w.Observers {
		iatas[o.IATA] = true
		if len(o.ID) != 64 || strings.ToUpper(o.ID) != o.ID {
			t.Errorf("observer id %q: want 64 upper-case hex chars", o.ID)
		}
	}
	if len(iatas) < 2 {
		t.Errorf("observer regions: got %v, want several", iatas)
	}
}

func TestJSONLines_WritesOneObjectPerLine(t *testing.T) {
	var buf bytes.Buffer
	j := NewJSONLines(&buf)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, topic := range []string{"meshcore/SFO/AA/packets", "meshcore/SFO/AA/status"} {
		if err := j.Send(context.Background(), Message{Topic: topic, Payload: []byte(`{"raw":"1100"}`), At: at}); err != nil {
			t.Fatalf("send: %v", err)
		}
	}
	if err := j.Flush(); err != nil {
		t.Fatalf("flush: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("lines: got %d, want 2", len(lines))
	}
	var l struct {
		Topic   string          `json:"topic"`
		At      string          `json:"at"`
		Payload json.RawMessage `json:"payload"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &l); err != nil {
		t.Fatalf("line json: %v", err)
	}
	if l.Topic != "meshcore/SFO/AA/packets" || l.At != "2026-01-02T03:04:05Z" || string(l.Payload) != `{"raw":"1100"}` {
		t.Errorf("got %+v", l)
	}
}

func TestGenerator_OddWorldsNeverFail(t *testing.T) {
	for name, mod := range map[string]func(*Options){
		"two nodes":        func(o *Options) { o.Nodes, o.Observers = 2, 2 },
		"only repeaters":   func(o *Options) { o.Companions, o.Rooms, o.Sensors = 0, 0, 0 },
		"no roles at all":  func(o *Options) { o.Repeaters, o.Companions, o.Rooms, o.Sensors = 0, 0, 0, 0 },
		"no hashtags":      func(o *Options) { o.Channels = nil },
		"huge hop limit":   func(o *Options) { o.MaxHops, o.HashSizeShares = 64, [3]float64{0, 0, 1} },
		"only traces":      func(o *Options) { o.Mix = Mix{Trace: 1} },
		"empty mix":        func(o *Options) { o.Mix = Mix{} },
		"tiny radius":      func(o *Options) { o.RadiusKm = 0.01 },
		"sparse and large": func(o *Options) { o.Nodes, o.Observers, o.RadiusKm = 300, 3, 400 },
	} {
		t.Run(name, func(t *testing.T) {
			o := DefaultOptions()
			mod(&o)
			w, err := NewWorld(o)
			if err != nil {
				t.Fatalf("new world: %v", err)
			}
			g := NewGenerator(w)
			at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			for i := 0; i < 200; i++ {
				if _, err := g.Step(at.Add(time.Duration(i) * time.Second)); err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
			}
		})
	}
}

func TestRun_AdvertRoundIsUnpacedAndCoversEveryNode(t *testing.T) {
	o := DefaultOptions()
	o.Nodes, o.Observers = 30, 5
	w, err := NewWorld(o)
	if err != nil {
		t.Fatalf("new world: %v", err)
	}
	g := NewGenerator(w)
	s := &memSink{}
	began := time.Now()
	// At 1 message/s anything paced would take minutes; the advert round must not.
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	if _, err := Run(ctx, g, s, RunOptions{Rate: 1}); err != nil {
		t.Fatalf("run: %v", err)
	}
	if g.InAdvertRound() {
		t.Fatalf("advert round still running after %v", time.Since(began))
	}
	origins := map[*Node]bool{}
	for _, m := range s.msgs {
		if m.Info != nil && m.Info.Type == meshcore.PayloadAdvert {
			origins[m.Info.Origin] = true
		}
	}
	if len(origins) < len(w.Nodes)*2/3 {
		t.Errorf("nodes heard advertising: got %d of %d, want most of them", len(origins), len(w.Nodes))
	}
}
