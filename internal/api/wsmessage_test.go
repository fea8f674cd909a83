package api_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/corescope/corescope/internal/api"
)

func TestPacketMessage_ShapeAndFilterFacts(t *testing.T) {
	s := func(v string) *string { return &v }
	four := 4
	snr := 6.5
	tx := &api.TxRow{ID: 9, RawHex: "11AA", Hash: "0011223344556677", FirstSeen: "2026-05-17T18:00:00Z", PayloadType: &four,
		DecodedJSON: s(`{"type":"ADVERT","pubKey":"ab"}`), FromPubkey: s("ABCD"),
		Observations: []api.ObsRow{{ID: 1}, {ID: 2}}}
	o := &api.ObsRow{ID: 2, TxID: 9, ObserverID: s("OBS1"), ObserverName: s("Obs One"), ObserverIATA: s("SJC"), SNR: &snr,
		PathJSON: s(`["EF"]`), ResolvedPath: []*string{s("EF01"), nil}}
	m := api.PacketMessage(tx, o)
	if m.IATA != "SJC" || m.PayloadType != 4 || !slices.Equal(m.Nodes, []string{"abcd", "ef01"}) {
		t.Errorf("facts: got iata %q type %d nodes %v", m.IATA, m.PayloadType, m.Nodes)
	}
	var got struct {
		Type string         `json:"type"`
		Data map[string]any `json:"data"`
	}
	if err := json.Unmarshal(m.Data, &got); err != nil {
		t.Fatal(err)
	}
	d := got.Data
	if got.Type != "packet" || d["id"] != 9.0 || d["hash"] != tx.Hash || d["observer_id"] != "OBS1" || d["snr"] != 6.5 ||
		d["observation_count"] != 2.0 || d["timestamp"] != tx.FirstSeen || d["path_json"] != `["EF"]` {
		t.Errorf("flat fields: %s", m.Data)
	}
	dec, _ := d["decoded"].(map[string]any)
	hdr, _ := dec["header"].(map[string]any)
	payload, _ := dec["payload"].(map[string]any)
	if hdr["payloadTypeName"] != "ADVERT" || payload["pubKey"] != "ab" {
		t.Errorf("decoded: %v", dec)
	}
	pkt, _ := d["packet"].(map[string]any)
	if pkt["hash"] != tx.Hash || pkt["decoded"] != nil {
		t.Errorf("packet: %v", pkt)
	}
	if rp, _ := d["resolved_path"].([]any); len(rp) != 2 || rp[1] != nil {
		t.Errorf("resolved_path: %v", d["resolved_path"])
	}
}

func TestPacketMessage_UnknownType(t *testing.T) {
	m := api.PacketMessage(&api.TxRow{ID: 1, Hash: "00"}, &api.ObsRow{ID: 1})
	if m.PayloadType != -1 || m.IATA != "" || len(m.Nodes) != 0 {
		t.Errorf("got %+v", m)
	}
	var got struct {
		Data struct {
			Decoded struct {
				Header struct {
					PayloadTypeName string `json:"payloadTypeName"`
				} `json:"header"`
			} `json:"decoded"`
		} `json:"data"`
	}
	json.Unmarshal(m.Data, &got)
	if got.Data.Decoded.Header.PayloadTypeName != "UNKNOWN" {
		t.Errorf("got %q, want UNKNOWN", got.Data.Decoded.Header.PayloadTypeName)
	}
}

// TestPacketMessage_CarriesScopeName: a scoped transport packet's region reaches the
// Live feed in both the flat frame and its packet copy; a plain flood sends null.
func TestPacketMessage_CarriesScopeName(t *testing.T) {
	s := func(v string) *string { return &v }
	route0, route1 := 0, 1
	for _, c := range []struct {
		tx   *api.TxRow
		want any
	}{
		{&api.TxRow{ID: 1, Hash: "aa", RouteType: &route0, ScopeName: s("#sjc")}, "#sjc"},
		{&api.TxRow{ID: 2, Hash: "bb", RouteType: &route0, ScopeName: s("")}, ""},
		{&api.TxRow{ID: 3, Hash: "cc", RouteType: &route1}, nil},
	} {
		var got struct {
			Data map[string]any `json:"data"`
		}
		if err := json.Unmarshal(api.PacketMessage(c.tx, &api.ObsRow{ID: 1}).Data, &got); err != nil {
			t.Fatal(err)
		}
		pkt, _ := got.Data["packet"].(map[string]any)
		v, ok := got.Data["scope_name"]
		if !ok || v != c.want || pkt["scope_name"] != c.want {
			t.Errorf("tx %d: scope_name %v (present %v), packet.scope_name %v, want %v", c.tx.ID, v, ok, pkt["scope_name"], c.want)
		}
	}
}
