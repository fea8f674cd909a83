package api

import (
	"strings"
	"testing"
)

// TestPackets_TypeListFilter: the feed's type multi-select reaches the server as a comma
// list matched as "any of" (issue #19 item 11); flat and grouped totals equal the fixture's
// SQL counts, and a list past its bound is refused.
func TestPackets_TypeListFilter(t *testing.T) {
	f := newFixture(t)
	want := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE payload_type IN (4,5) AND hash != '' AND first_seen != ''")
	if want == 0 || want == dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE payload_type=4") {
		t.Fatalf("fixture needs adverts and channel messages (got %d)", want)
	}
	var flat, grouped struct {
		Packets []struct {
			PayloadType *int `json:"payload_type"`
		} `json:"packets"`
		Total int `json:"total"`
	}
	f.getJSON(t, "/api/packets?type=4,5&limit=10000", &flat)
	f.getJSON(t, "/api/packets?type=4,%205&groupByHash=true&limit=10000", &grouped)
	for name, p := range map[string]int{"flat": flat.Total, "grouped": grouped.Total} {
		if p != want {
			t.Errorf("%s: total %d, want %d", name, p, want)
		}
	}
	for _, p := range flat.Packets {
		if p.PayloadType == nil || (*p.PayloadType != 4 && *p.PayloadType != 5) {
			t.Fatalf("row of type %v in a type=4,5 answer", p.PayloadType)
		}
	}
	code, _, body := f.do(t, "GET", "/api/packets?type="+strings.TrimSuffix(strings.Repeat("1,", 33), ","), "", nil)
	if code != 400 || !strings.Contains(string(body), "too many type (max 32)") {
		t.Fatalf("33 types: got %d %s, want 400", code, body)
	}
}

// TestObservers_RegionFilter: /api/observers?region= lists only observers located in those
// IATA codes (the Observers page's region filter now reaches the API, issue #19 item 11).
func TestObservers_RegionFilter(t *testing.T) {
	f := newFixture(t)
	want := dbCount(t, f.dbPath, "SELECT count(*) FROM observers WHERE upper(iata) IN ('SJC','SFO') AND coalesce(inactive,0)=0")
	all := dbCount(t, f.dbPath, "SELECT count(*) FROM observers WHERE coalesce(inactive,0)=0")
	if want == 0 || want == all {
		t.Fatalf("fixture needs observers inside and outside SJC/SFO (got %d of %d)", want, all)
	}
	var o struct {
		Observers []ObserverJSON `json:"observers"`
	}
	f.getJSON(t, "/api/observers?region=sjc,SFO", &o)
	if len(o.Observers) != want {
		t.Fatalf("region=sjc,SFO: got %d observers, want %d", len(o.Observers), want)
	}
	for _, x := range o.Observers {
		if x.IATA == nil || (strings.ToUpper(*x.IATA) != "SJC" && strings.ToUpper(*x.IATA) != "SFO") {
			t.Fatalf("observer %s in %v listed for region SJC,SFO", x.ID, x.IATA)
		}
	}
	var every struct {
		Observers []ObserverJSON `json:"observers"`
	}
	f.getJSON(t, "/api/observers?region=all", &every)
	if len(every.Observers) != all {
		t.Fatalf("region=all: got %d, want %d", len(every.Observers), all)
	}
	if code, _, _ := f.do(t, "GET", "/api/observers?region="+commaHops(65), "", nil); code != 400 {
		t.Fatalf("65 regions: got %d, want 400", code)
	}
}
