package meshcore

import "testing"

func TestParseHeader_Fields(t *testing.T) {
	h := ParseHeader(0xD1) // 11 0100 01
	if h.Route != RouteFlood || h.Type != PayloadAdvert || h.Version != 3 {
		t.Fatalf("ParseHeader(0xD1) = %+v, want FLOOD/ADVERT v3", h)
	}
	if got := h.Byte(); got != 0xD1 {
		t.Errorf("Byte() = %#x, want 0xd1", got)
	}
	if got := h.String(); got != "FLOOD/ADVERT v3" {
		t.Errorf("String() = %q, want %q", got, "FLOOD/ADVERT v3")
	}
}

func TestPayloadType_String(t *testing.T) {
	want := map[PayloadType]string{
		PayloadReq: "REQ", PayloadResponse: "RESPONSE", PayloadTxtMsg: "TXT_MSG", PayloadAck: "ACK",
		PayloadAdvert: "ADVERT", PayloadGrpTxt: "GRP_TXT", PayloadGrpData: "GRP_DATA", PayloadAnonReq: "ANON_REQ",
		PayloadPath: "PATH", PayloadTrace: "TRACE", PayloadMultipart: "MULTIPART", PayloadControl: "CONTROL",
		12: "UNKNOWN", 13: "UNKNOWN", 14: "UNKNOWN", PayloadRawCustom: "RAW_CUSTOM", 99: "UNKNOWN",
	}
	for pt, name := range want {
		if got := pt.String(); got != name {
			t.Errorf("PayloadType(%d).String() = %q, want %q", pt, got, name)
		}
		back, ok := ParsePayloadType(name)
		if name == "UNKNOWN" {
			if ok {
				t.Errorf("ParsePayloadType(UNKNOWN) reported ok")
			}
			continue
		}
		if !ok || back != pt {
			t.Errorf("ParsePayloadType(%q) = %d, %v; want %d, true", name, back, ok, pt)
		}
	}
}

func TestRouteType_Predicates(t *testing.T) {
	cases := []struct {
		r                      RouteType
		name                   string
		flood, direct, transpt bool
	}{
		{RouteTransportFlood, "TRANSPORT_FLOOD", true, false, true},
		{RouteFlood, "FLOOD", true, false, false},
		{RouteDirect, "DIRECT", false, true, false},
		{RouteTransportDirect, "TRANSPORT_DIRECT", false, true, true},
	}
	for _, c := range cases {
		if c.r.String() != c.name || c.r.IsFlood() != c.flood || c.r.IsDirect() != c.direct || c.r.HasTransportCodes() != c.transpt {
			t.Errorf("route %d: got %s flood=%v direct=%v transport=%v, want %s %v %v %v", c.r,
				c.r.String(), c.r.IsFlood(), c.r.IsDirect(), c.r.HasTransportCodes(), c.name, c.flood, c.direct, c.transpt)
		}
	}
}

func TestPathLenByte_Validity(t *testing.T) {
	cases := []struct {
		b           PathLenByte
		size, count int
		valid       bool
	}{
		{0x00, 1, 0, true}, {0x05, 1, 5, true}, {0x45, 2, 5, true}, {0x8A, 3, 10, true},
		{0x3F, 1, 63, true}, {0x60, 2, 32, true}, {0x95, 3, 21, true},
		{0xC0, 4, 0, false}, {0xFF, 4, 63, false}, {0xBF, 3, 63, false}, {0x65, 2, 37, false}, {0x96, 3, 22, false},
	}
	for _, c := range cases {
		if c.b.HashSize() != c.size || c.b.HashCount() != c.count || c.b.Valid() != c.valid {
			t.Errorf("PathLenByte(%#x): got size %d count %d valid %v, want %d %d %v",
				byte(c.b), c.b.HashSize(), c.b.HashCount(), c.b.Valid(), c.size, c.count, c.valid)
		}
	}
}
