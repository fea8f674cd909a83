package analytics

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/store"
)

// GraphSource is what the neighbour graph is built from; *store.Store implements it.
type GraphSource interface {
	ScanObservations(sinceUnix int64, fn func(p *store.ObsPoint) bool)
	Nodes() []store.Node
	Observers() []store.Observer
}

// Edge is one neighbour relation (A <= B). B is "prefix:<hex>" when that end could not
// be resolved to one node (Ambiguous).
type Edge struct {
	A, B      string
	Count     int
	Score     float64
	AvgSNR    *float64
	Ambiguous bool
	// Observers are the observer ids whose receptions proved the edge, sorted.
	Observers           []string
	FirstSeen, LastSeen string
}

// Graph is one immutable snapshot.
type Graph struct {
	Edges   []Edge
	BuiltAt time.Time
	// nodes and observers as of the build, for filtering views.
	role map[string]string // lower-case pubkey → lower-case role
	name map[string]*string
	iata map[string]string // observer id → upper-case IATA
}

type edgeAcc struct {
	count       int
	snrSum      float64
	snrN        int
	observers   map[string]bool
	first, last int64
	ambiguous   bool
}

// Build derives the neighbour graph from every observation of src. Score is the
// edge's count relative to the strongest edge (0..1].
func Build(src GraphSource, now time.Time) *Graph {
	nodes := src.Nodes()
	keys := make([]string, len(nodes))
	g := &Graph{BuiltAt: now, role: map[string]string{}, name: map[string]*string{}, iata: map[string]string{}}
	for i, n := range nodes {
		keys[i] = n.PublicKey
		k := strings.ToLower(n.PublicKey)
		g.name[k] = n.Name
		if n.Role != nil {
			g.role[k] = strings.ToLower(*n.Role)
		}
	}
	for _, o := range src.Observers() {
		if o.IATA != nil {
			g.iata[o.ID] = strings.ToUpper(*o.IATA)
		}
	}
	idx := hops.NewIndex(keys)
	acc := map[[2]string]*edgeAcc{}
	var path []string
	src.ScanObservations(0, func(p *store.ObsPoint) bool {
		if p.Observer == "" {
			return true
		}
		path = hops.AppendPath(path[:0], p.PathJSON)
		r := hops.Reception{PayloadType: p.PayloadType, From: p.From, Observer: p.Observer, Path: path, Resolved: p.Resolved}
		for _, e := range idx.EdgesFor(r) {
			a := acc[[2]string{e.A, e.B}]
			if a == nil {
				a = &edgeAcc{observers: map[string]bool{}, first: p.Unix}
				acc[[2]string{e.A, e.B}] = a
			}
			a.count++
			a.ambiguous = a.ambiguous || e.Ambiguous
			a.observers[p.Observer] = true
			a.first, a.last = min(a.first, p.Unix), max(a.last, p.Unix)
			if e.ObserverEnd && p.HasSNR {
				a.snrSum, a.snrN = a.snrSum+p.SNR, a.snrN+1
			}
		}
		return true
	})
	maxCount := 1
	for _, a := range acc {
		maxCount = max(maxCount, a.count)
	}
	g.Edges = make([]Edge, 0, len(acc))
	for k, a := range acc {
		e := Edge{A: k[0], B: k[1], Count: a.count, Score: float64(a.count) / float64(maxCount), Ambiguous: a.ambiguous,
			FirstSeen: iso(a.first), LastSeen: iso(a.last)}
		if a.snrN > 0 {
			v := math.Round(a.snrSum/float64(a.snrN)*100) / 100
			e.AvgSNR = &v
		}
		for o := range a.observers {
			e.Observers = append(e.Observers, o)
		}
		slices.Sort(e.Observers)
		g.Edges = append(g.Edges, e)
	}
	slices.SortFunc(g.Edges, func(x, y Edge) int {
		if x.Count != y.Count {
			return y.Count - x.Count
		}
		if c := strings.Compare(x.A, y.A); c != 0 {
			return c
		}
		return strings.Compare(x.B, y.B)
	})
	return g
}

func iso(unix int64) string { return time.Unix(unix, 0).UTC().Format("2006-01-02T15:04:05.000Z") }
