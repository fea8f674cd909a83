package meshsim

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
)

func testKeys(t testing.TB, w *World) *meshcore.ChannelKeys {
	t.Helper()
	var tags []string
	for _, c := range w.Channels[1:] {
		tags = append(tags, c.Name)
	}
	keys, err := meshcore.NewChannelKeys(nil, tags)
	if err != nil {
		t.Fatalf("channel keys: %v", err)
	}
	return keys
}

// generate runs n scenarios one simulated second apart.
func generate(t testing.TB, opts Options, n int) (*World, []Message) {
	t.Helper()
	w, err := NewWorld(opts)
	if err != nil {
		t.Fatalf("new world: %v", err)
	}
	g := NewGenerator(w)
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	var out []Message
	for i := 0; i < n; i++ {
		ms, err := g.Step(at.Add(time.Duration(i) * time.Second))
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		out = append(out, ms...)
	}
	return w, out
}

// TestGenerator_PacketsDecodeAndVerify decodes every generated reception with the
// real decoder: framing, advert signatures, channel decryption, stable content hashes.
func TestGenerator_PacketsDecodeAndVerify(t *testing.T) {
	w, msgs := generate(t, DefaultOptions(), 1500)
	keys := testKeys(t, w)
	hashBySeq := map[int64]string{}
	types := map[meshcore.PayloadType]int{}
	hopSizes := map[int]int{}
	packets := 0
	for _, m := range msgs {
		if m.Info == nil {
			if !strings.HasSuffix(m.Topic, "/status") && !strings.HasSuffix(m.Topic, "/neighbors") && !strings.HasSuffix(m.Topic, "/regions") &&
				!strings.HasPrefix(m.Topic, "meshcore/client/") {
				t.Fatalf("message without info on %s", m.Topic)
			}
			continue
		}
		packets++
		var body struct {
			Raw string `json:"raw"`
			SNR string `json:"SNR"`
		}
		if err := json.Unmarshal(m.Payload, &body); err != nil {
			t.Fatalf("payload json: %v", err)
		}
		pk, err := meshcore.DecodeHex(body.Raw, meshcore.DecodeOptions{Keys: keys})
		if err != nil {
			t.Fatalf("decode %s: %v", body.Raw, err)
		}
		if pk.PayloadError != "" || pk.Anomaly != "" {
			t.Fatalf("decode %s: payload error %q anomaly %q", body.Raw, pk.PayloadError, pk.Anomaly)
		}
		if got, want := pk.PayloadType(), m.Info.Type; got != want {
			t.Fatalf("payload type: got %v, want %v", got, want)
		}
		types[pk.PayloadType()]++
		if pk.Path.Len() > 0 && pk.PayloadType() != meshcore.PayloadTrace {
			hopSizes[pk.Path.HashSize]++
		}
		switch pk.PayloadType() {
		case meshcore.PayloadAdvert:
			if !pk.Advert.SignatureChecked || !pk.Advert.SignatureValid {
				t.Fatalf("advert %s: signature not valid", body.Raw)
			}
			if got, want := pk.Advert.Name, m.Info.Origin.Name; got != want {
				t.Fatalf("advert name: got %q, want %q", got, want)
			}
			if got, want := pk.Advert.Role(), m.Info.Origin.Role; got != want {
				t.Fatalf("advert role: got %v, want %v", got, want)
			}
		case meshcore.PayloadGrpTxt:
			g := pk.Group
			if g.Status != meshcore.StatusDecrypted {
				t.Fatalf("channel message on %s: status %s", m.Info.Channel, g.Status)
			}
			if g.Channel != m.Info.Channel || g.Text() != m.Info.Text {
				t.Fatalf("channel message: got %s %q, want %s %q", g.Channel, g.Text(), m.Info.Channel, m.Info.Text)
			}
		case meshcore.PayloadTrace:
			continue // the content hash covers path_len, so it changes every hop
		}
		if prev, ok := hashBySeq[m.Info.Seq]; ok && prev != pk.Hash {
			t.Fatalf("transmission %d: hash %s differs from %s seen by another observer", m.Info.Seq, pk.Hash, prev)
		}
		hashBySeq[m.Info.Seq] = pk.Hash
	}
	if packets < 3000 {
		t.Errorf("packet messages: got %d, want at least 3000", packets)
	}
	for _, pt := range []meshcore.PayloadType{meshcore.PayloadAdvert, meshcore.PayloadGrpTxt, meshcore.PayloadTxtMsg,
		meshcore.PayloadAck, meshcore.PayloadReq, meshcore.PayloadResponse, meshcore.PayloadPath,
		meshcore.PayloadTrace, meshcore.PayloadAnonReq} {
		if types[pt] == 0 {
			t.Errorf("payload type %v never generated (mix %v)", pt, types)
		}
	}
	for size := 1; size <= 3; size++ {
		if hopSizes[size] == 0 {
			t.Errorf("no paths with %d-byte hop hashes (%v)", size, hopSizes)
		}
	}
	t.Logf("%d packet messages, %d transmissions, types %v, hop sizes %v", packets, len(hashBySeq), types, hopSizes)
}

// distinctObserversPerTx counts, per generated transmission, the observers that uploaded it.
func distinctObserversPerTx(msgs []Message) map[int64]int {
	per := map[int64]map[string]bool{}
	for _, m := range msgs {
		if m.Info == nil {
			continue
		}
		if per[m.Info.Seq] == nil {
			per[m.Info.Seq] = map[string]bool{}
		}
		per[m.Info.Seq][m.Topic] = true
	}
	out := map[int64]int{}
	for seq, obs := range per {
		out[seq] = len(obs)
	}
	return out
}

// ObserversPerTx bounds how many observers upload each transmission: exactly one for
// the fixture profile, about five (never more than 2·5.5−1 = 10) for the realistic one,
// while the default world lets every observer in range upload.
func TestGenerator_ObserversPerTxShapesTransmissions(t *testing.T) {
	mean := func(per map[int64]int) (float64, int) {
		sum, most := 0, 0
		for _, n := range per {
			sum += n
			most = max(most, n)
		}
		return float64(sum) / float64(len(per)), most
	}
	fixture := DefaultOptions()
	if err := ApplyProfile(&fixture, "fixture"); err != nil {
		t.Fatal(err)
	}
	_, msgs := generate(t, fixture, 400)
	for seq, n := range distinctObserversPerTx(msgs) {
		if n != 1 {
			t.Fatalf("fixture profile: transmission %d uploaded by %d observers, want 1", seq, n)
		}
	}
	realistic := DefaultOptions()
	if err := ApplyProfile(&realistic, "realistic"); err != nil {
		t.Fatal(err)
	}
	w, msgs := generate(t, realistic, 1500)
	if len(w.Nodes) != 200 || len(w.Observers) != 31 {
		t.Errorf("realistic world: %d nodes, %d observers; want 200, 31", len(w.Nodes), len(w.Observers))
	}
	if m, most := mean(distinctObserversPerTx(msgs)); m < 4 || m > 6 || most > 10 {
		t.Errorf("realistic profile: %.2f observers per transmission (most %d), want about 5 and at most 10", m, most)
	}
	big := DefaultOptions()
	big.Nodes, big.Observers = 300, 20
	_, msgs = generate(t, big, 800)
	if m, _ := mean(distinctObserversPerTx(msgs)); m < 8 {
		t.Errorf("default (dense) world: %.2f observers per transmission, want every observer in range (≥ 8)", m)
	}
	if err := ApplyProfile(&big, "sparse"); err == nil {
		t.Error("unknown profile: got nil error")
	}
}
