package api

import (
	"encoding/json"
	"testing"
)

func TestAcceptance_AreaFilter(t *testing.T) {
	var all struct {
		Nodes []NodeJSON `json:"nodes"`
	}
	newFixture(t).getJSON(t, "/api/nodes?limit=2000", &all)
	var withGPS []NodeJSON
	for _, n := range all.Nodes {
		if n.Lat != nil && n.Lon != nil && (*n.Lat != 0 || *n.Lon != 0) {
			withGPS = append(withGPS, n)
		}
	}
	if len(withGPS) == 0 {
		t.Fatal("fixture has no node with GPS")
	}
	p := withGPS[0]
	box := map[string]any{"label": "Box", "latMin": *p.Lat - 0.001, "latMax": *p.Lat + 0.001, "lonMin": *p.Lon - 0.001, "lonMax": *p.Lon + 0.001}
	raw, _ := json.Marshal(box)
	f := newFixture(t, func(o *Options) { o.UI.Areas = map[string]json.RawMessage{"box": raw} })
	var got struct {
		Nodes []NodeJSON `json:"nodes"`
		Total int        `json:"total"`
	}
	f.getJSON(t, "/api/nodes?area=box", &got)
	if got.Total < 1 || got.Total >= len(all.Nodes) {
		t.Fatalf("area total %d of %d nodes", got.Total, len(all.Nodes))
	}
	for _, n := range got.Nodes {
		if n.Lat == nil || *n.Lat < *p.Lat-0.001 || *n.Lat > *p.Lat+0.001 {
			t.Fatalf("node %s outside the box", n.PublicKey)
		}
	}
	f.getJSON(t, "/api/nodes?area=unknown", &got)
	if got.Total != len(all.Nodes) {
		t.Fatalf("unknown area filtered: %d, want %d", got.Total, len(all.Nodes))
	}
	var areas []Area
	f.getJSON(t, "/api/config/areas", &areas)
	if len(areas) != 1 || areas[0].Key != "box" || areas[0].Label != "Box" {
		t.Fatalf("areas %+v", areas)
	}
}
