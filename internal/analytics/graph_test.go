package analytics

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/store"
)

type fakeSource struct {
	obs       []store.ObsPoint
	nodes     []store.Node
	observers []store.Observer
}

func (f *fakeSource) ScanObservations(since int64, fn func(p *store.ObsPoint) bool) {
	for i := range f.obs {
		if f.obs[i].Unix >= since && !fn(&f.obs[i]) {
			return
		}
	}
}
func (f *fakeSource) Nodes() []store.Node         { return f.nodes }
func (f *fakeSource) Observers() []store.Observer { return f.observers }

func sp(s string) *string { return &s }

func fake() *fakeSource {
	k := func(p string) string { return p + strings.Repeat("0", 64-len(p)) }
	f := &fakeSource{
		nodes: []store.Node{
			{PublicKey: strings.ToUpper(k("aa")), Name: sp("alpha"), Role: sp("Repeater")},
			{PublicKey: k("bb"), Name: sp("beta"), Role: sp("companion")},
			{PublicKey: k("cc1"), Role: sp("repeater")},
			{PublicKey: k("cc2"), Role: sp("repeater")},
		},
		observers: []store.Observer{{ID: strings.ToUpper(k("bb")), IATA: sp("sjc")}},
	}
	obs := strings.ToUpper(k("bb"))
	for i := range 12 { // advert from aa heard directly by bb: aa–bb ×12 with SNR
		f.obs = append(f.obs, store.ObsPoint{Unix: int64(100 + i), PayloadType: 4, From: k("aa"), Observer: obs, PathJSON: "[]", SNR: float64(i), HasSNR: true})
	}
	// A message relayed by an ambiguous "CC" hop: bb–prefix:cc.
	f.obs = append(f.obs, store.ObsPoint{Unix: 200, PayloadType: 2, Observer: obs, PathJSON: `["CC"]`})
	return f
}

func TestBuild_EdgesAndViews(t *testing.T) {
	f := fake()
	g := Build(f, time.Unix(1000, 0))
	if len(g.Edges) != 2 {
		t.Fatalf("edges %+v", g.Edges)
	}
	e := g.Edges[0]
	// Score is 12/100, decayed by the 889 s since the edge was last seen (half-life 7 days).
	if want := 0.12 * math.Exp2(-889.0/(7*24*3600)); !strings.HasPrefix(e.A, "aa") || !strings.HasPrefix(e.B, "bb") || e.Count != 12 || math.Abs(e.Score-want) > 1e-12 ||
		e.AvgSNR == nil || *e.AvgSNR != 5.5 || e.Ambiguous || e.CountsByMode[0] != 12 {
		t.Fatalf("edge %+v", e)
	}
	if amb := g.Edges[1]; !amb.Ambiguous || amb.B != "prefix:cc" || amb.Count != 1 || amb.Prefix != "cc" || len(amb.Candidates) != 2 || amb.CountsByMode[1] != 1 {
		t.Fatalf("ambiguous edge %+v", amb)
	}
	def := g.Filter(DefaultShape, nil)
	if len(def.Edges) != 1 || def.Stats.TotalNodes != 2 || def.Stats.AvgClusterSize != 1 || *def.Nodes[0].Name != "alpha" {
		t.Fatalf("default view %+v", def)
	}
	unf := g.Filter(UnfilteredShape, nil)
	if len(unf.Edges) != 2 || unf.Stats.AmbiguousEdges != 1 || unf.Stats.TotalNodes != 2 {
		t.Fatalf("unfiltered view %+v", unf.Stats)
	}
	if v := g.Filter(Params{Region: "SJC,xyz"}, nil); len(v.Edges) != 2 {
		t.Fatalf("region SJC kept %d", len(v.Edges))
	}
	if v := g.Filter(Params{Region: "OAK"}, nil); len(v.Edges) != 0 {
		t.Fatalf("region OAK kept %d", len(v.Edges))
	}
	if v := g.Filter(Params{Role: "REPEATER"}, nil); len(v.Edges) != 1 {
		t.Fatalf("role repeater kept %d", len(v.Edges))
	}
	if v := g.Filter(UnfilteredShape, func(pk string) bool { return strings.HasPrefix(pk, "aa") }); len(v.Edges) != 1 {
		t.Fatalf("hidden aa kept %d", len(v.Edges))
	}
}

func TestNeighborGraph_SnapshotAndFreshAgree(t *testing.T) {
	now := time.Unix(1000, 0)
	n := NewNeighborGraph(fake(), Options{Now: func() time.Time { return now }})
	if _, _, _, ok := n.Query(DefaultShape); ok {
		t.Fatal("answer before the first build")
	}
	if err := n.Rebuild(); err != nil {
		t.Fatal(err)
	}
	now = now.Add(42 * time.Second)
	v, age, cached, ok := n.Query(UnfilteredShape)
	if !ok || !cached || age != 42*time.Second {
		t.Fatalf("cached=%v age=%v", cached, age)
	}
	if fresh := n.Snapshot().Filter(UnfilteredShape, nil); !reflect.DeepEqual(v, fresh) {
		t.Fatal("cached view differs from a fresh filter")
	}
	if _, _, cached, _ := n.Query(Params{MinCount: 2}); cached {
		t.Fatal("other shape served from cache")
	}
}

func TestNeighborGraph_PanicKeepsSnapshot(t *testing.T) {
	f := fake()
	n := NewNeighborGraph(f, Options{})
	if err := n.Rebuild(); err != nil {
		t.Fatal(err)
	}
	good := n.Snapshot()
	f.nodes = nil
	n.src = panicSource{f}
	if err := n.Rebuild(); err == nil || n.Failures() != 1 || n.Snapshot() != good {
		t.Fatalf("err=%v failures=%d", err, n.Failures())
	}
}

type panicSource struct{ *fakeSource }

func (panicSource) Nodes() []store.Node { panic("boom") }
