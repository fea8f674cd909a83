package analytics

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/store"
)

func sptr(s string) *string { return &s }

// TestComputeTopology_NamesAndHiding: a relay resolved to a visible node carries its
// name (null when it has none) and pubkey, an unresolved prefix has name and pubkey
// null, and a hidden node's relay is dropped. Counts are worked out by hand from two
// observations.
func TestComputeTopology_NamesAndHiding(t *testing.T) {
	aa, bb, cc := "aa"+strings.Repeat("0", 62), "bb"+strings.Repeat("0", 62), "cc"+strings.Repeat("0", 62)
	src := &rowSource{
		nodes:  []store.Node{{PublicKey: aa, Name: sptr("alpha"), Role: sptr("repeater")}, {PublicKey: bb, Role: sptr("Room")}},
		hidden: map[string]bool{cc: true},
		txs: []store.Transmission{{Observations: []store.Observation{
			{ObserverID: sptr("o1"), ObserverName: sptr("one"), PathJSON: sptr(`["AA","BB","DD"]`), ResolvedPath: []*string{&aa, &bb, nil}, SNR: fp(5)},
			{ObserverID: sptr("o2"), ObserverName: sptr("two"), PathJSON: sptr(`["AA","CC"]`), ResolvedPath: []*string{&aa, &cc}},
		}}},
	}
	top, err := ComputeTopology(src, Window{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(top.TopRepeaters)
	want := `[{"count":2,"hop":"AA","name":"alpha","pubkey":"` + aa + `"},{"count":1,"hop":"BB","name":null,"pubkey":"` + bb + `"},{"count":1,"hop":"DD","name":null,"pubkey":null}]`
	if string(b) != want {
		t.Fatalf("topRepeaters\n got %s\nwant %s", b, want)
	}
	// uniqueNodes is the number of known nodes (two), not of distinct prefixes.
	if top.UniqueNodes != 2 || top.MaxHops != 3 || top.AvgHops != 2.5 {
		t.Fatalf("unique %d max %d avg %v, want 2, 3, 2.5", top.UniqueNodes, top.MaxHops, top.AvgHops)
	}
	if len(top.PerObserverReach["o2"].Rings) != 1 || top.PerObserverReach["o2"].Rings[0].Hops != 2 {
		t.Fatalf("o2 reach %+v: want only AA at 2 hops (CC is hidden)", top.PerObserverReach["o2"])
	}
}

// TestComputeTopology_MergesPrefixLengths: "AA" (twice) and "AA00" name the one relay
// aa00…, so they are one row of 3 shown as "AA"; "AB" matches two relays and stays its
// own row, unresolved; a companion is never a hop candidate, so "CC" is unresolved.
func TestComputeTopology_MergesPrefixLengths(t *testing.T) {
	aa, ab1, ab2, cc := "aa"+strings.Repeat("0", 62), "ab1"+strings.Repeat("0", 61), "ab2"+strings.Repeat("0", 61), "cc"+strings.Repeat("0", 62)
	src := &rowSource{
		nodes: []store.Node{{PublicKey: aa, Name: sptr("alpha"), Role: sptr("repeater")}, {PublicKey: ab1, Role: sptr("repeater")},
			{PublicKey: ab2, Role: sptr("room")}, {PublicKey: cc, Name: sptr("phone"), Role: sptr("companion")}},
		txs: []store.Transmission{{Observations: []store.Observation{
			{PathJSON: sptr(`["AA","AB"]`)}, {PathJSON: sptr(`["AA00","CC"]`)}, {PathJSON: sptr(`["aa"]`)},
		}}},
	}
	top, err := ComputeTopology(src, Window{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(top.TopRepeaters)
	want := `[{"count":3,"hop":"AA","name":"alpha","pubkey":"` + aa + `"},{"count":1,"hop":"AB","name":null,"pubkey":null},{"count":1,"hop":"CC","name":null,"pubkey":null}]`
	if string(b) != want {
		t.Fatalf("topRepeaters\n got %s\nwant %s", b, want)
	}
}
