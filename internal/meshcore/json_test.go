package meshcore

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestAppendJSONString_MatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", "quote\" back\\", "<b>&amp;</b>", "tab\tnl\ncr\r", "\x00\x1f\x7f",
		"bad \xff\xfe utf8", "line\u2028sep\u2029", "PEAK 🌳", "é\xc3"} {
		want, _ := json.Marshal(s)
		got := appendJSONString(nil, s)
		var a, b string
		if err := json.Unmarshal(got, &a); err != nil {
			t.Errorf("appendJSONString(%q) = %s: invalid JSON: %v", s, got, err)
			continue
		}
		_ = json.Unmarshal(want, &b)
		if a != b {
			t.Errorf("appendJSONString(%q) decodes to %q, encoding/json gives %q", s, a, b)
		}
		if bytes.ContainsAny(got, "<>&") {
			t.Errorf("appendJSONString(%q) = %s: HTML characters not escaped", s, got)
		}
	}
}

func TestAppendJSONFloat_MatchesEncodingJSON(t *testing.T) {
	for _, f := range []float64{0, 1, -1.5, 37.658604, -122.058554, 3.75, -21.5, 1e-7, 1e21, 123456789.125} {
		want, _ := json.Marshal(f)
		if got := appendJSONFloat(nil, f); !bytes.Equal(got, want) {
			t.Errorf("appendJSONFloat(%v) = %s, want %s", f, got, want)
		}
	}
}

func TestPacket_PayloadJSONIsPayloadMember(t *testing.T) {
	pk, err := DecodeHex(benchAdvertHex, DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	full, _ := pk.MarshalJSON()
	var whole struct {
		Payload json.RawMessage `json:"payload"`
	}
	if err := json.Unmarshal(full, &whole); err != nil {
		t.Fatal(err)
	}
	payload, _ := pk.PayloadJSON()
	if !bytes.Equal(whole.Payload, payload) {
		t.Errorf("PayloadJSON = %s, want %s", payload, whole.Payload)
	}
	// Members appear in the reference order.
	want := `{"type":"ADVERT","pubKey":"300ddc9e145dbe6cb4d6c2d93c74e9f862f5e247783f64ef89a4732e68dd473c","timestamp":1774805580,"timestampISO":"2026-03-29T17:33:00.000Z","signature":"7f70e27d27e4a0d3f001c4032a262c390f868b2c7df763b2171969f29dde33a01785f01b6e37e7a1d7ba39735cb6013ad3a7f00c76ae84623ef286f99c3ee602","signatureValid":true,"flags":{"raw":146,"type":2,"chat":false,"repeater":true,"room":false,"sensor":false,"hasLocation":true,"hasFeat1":false,"hasFeat2":false,"hasName":true},"lat":37.658604,"lon":-122.058554,"name":"R5-D4 300D Rak"}`
	if string(payload) != want {
		t.Errorf("PayloadJSON =\n%s\nwant\n%s", payload, want)
	}
	// encoding/json goes through MarshalJSON too.
	viaStd, err := json.Marshal(pk)
	if err != nil || !bytes.Equal(viaStd, full) {
		t.Errorf("json.Marshal(pk) = %s, %v; want MarshalJSON output", viaStd, err)
	}
}
