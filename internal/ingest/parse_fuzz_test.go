package ingest

import (
	"testing"
	"time"
)

// FuzzParse feeds arbitrary topics and payloads through topic/payload parsing and
// decoding (everything Submit does before the writer); it must never panic.
func FuzzParse(f *testing.F) {
	obs := "AABBCCDDEEFF00112233445566778899AABBCCDDEEFF00112233445566778899"
	f.Add("meshcore/SFO/"+obs+"/packets", []byte(`{"raw":"11427d1d1f5d300ddc9e","SNR":"7.5 dB","RSSI":-90}`))
	f.Add("meshcore/SFO/"+obs+"/status", []byte(`{"origin":"x","stats":{"battery_mv":"4100","noise_floor":-110},"repeat":"on"}`))
	f.Add("meshcore/message/channel/2", []byte(`{"text":"bob: hi","channel_idx":2}`))
	f.Add("meshcore/message/direct/9", []byte(`{"text":"hello"}`))
	f.Add("a/b", []byte(`{}`))
	f.Add("meshcore/SFO/x/packets", []byte(`{"raw":"3D01AADEADBEEF","score":"1e308","snr":"NaN"}`))
	f.Add("meshcore/client/ab12/packets", []byte(`{"raw":"11427d1d","direction":"rx","gps":{"lat":1,"lon":2}}`))
	f.Add("meshcore/S<F/"+obs+"/packets", []byte(`{"raw":"11427d1d1f5d300ddc9e"}`))
	f.Add("meshcore/SFO/"+obs+obs+"/status", []byte(`{"origin":"x"}`))
	in := New(nil, Options{ClientRxCoverage: true})
	f.Fuzz(func(t *testing.T, topic string, payload []byte) {
		it, _ := in.parse("fuzz", topic, payload, time.Unix(0, 0))
		if it != nil && it.kind == kindPacket && it.pkt == nil {
			t.Fatal("packet item without decoded packet")
		}
		if it != nil && observerIDProblem(it.observerID) != "" {
			t.Fatalf("item carries a topic observer id outside the limits: %q", it.observerID)
		}
	})
}

func TestParseNumbers_Units(t *testing.T) {
	cases := map[string]float64{`-7.5`: -7.5, `"-7.5 dB"`: -7.5, `"-90dBm"`: -90, `" 12 m "`: 12, `"3km"`: 3, `"1mi"`: 1}
	for in, want := range cases {
		if got, ok := num([]byte(in)); !ok || got != want {
			t.Errorf("num(%s): got %v %v, want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{`"abc"`, `null`, `true`, `"NaN"`, `"Inf"`, `{}`, ``} {
		if _, ok := num([]byte(in)); ok {
			t.Errorf("num(%s): got ok, want rejected", in)
		}
	}
}

func TestParseTopic_Kinds(t *testing.T) {
	for topic, want := range map[string]topicKind{
		"meshcore/SFO/ABC/packets":   topicGeneric,
		"meshcore/SFO/ABC/status":    topicStatus,
		"meshcore/status":            topicIgnored,
		"meshcore/events/connection": topicIgnored,
		"meshcore/message/channel/1": topicChannel,
		"meshcore/message/direct/x":  topicDirect,
		"meshcore":                   topicInvalid,
	} {
		if got := parseTopic(topic).kind; got != want {
			t.Errorf("%s: got %d, want %d", topic, got, want)
		}
	}
}
