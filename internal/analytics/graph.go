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
// be resolved to one node (Ambiguous; Candidates are the keys its prefix matches, none
// for an unknown node).
type Edge struct {
	A, B      string
	Count     int
	Score     float64
	AvgSNR    *float64
	Ambiguous bool
	// Prefix is the lower-case hop that first established the edge ("" for a direct
	// advert); CountsByMode counts receptions by that hop's size in bytes (0 = direct).
	Prefix       string
	CountsByMode map[int]int
	Candidates   []string
	// Observers are the observer ids (lower case) whose receptions proved the edge, sorted.
	Observers           []string
	FirstSeen, LastSeen string
}

// Graph is one immutable snapshot.
type Graph struct {
	Edges   []Edge
	BuiltAt time.Time
	// RejectedGeoFar counts receptions whose edge joined two nodes with GPS more than
	// MaxEdgeKm apart (implausible for one radio hop), dropped at build.
	RejectedGeoFar int
	// ObserverNames are the observers (lower-case id → name), to name observer-only
	// endpoints.
	ObserverNames map[string]*string
	// nodes and observers as of the build, for filtering views.
	role map[string]string // lower-case pubkey → lower-case role
	name map[string]*string
	iata map[string]string // observer id → upper-case IATA
}

// Graph rules shared with the existing system (parity.md §3): an edge's score is its
// count over scoreSaturation, capped at 1, halved for every scoreHalfLife since it was
// last seen (recency); edges longer than MaxEdgeKm are rejected.
const (
	scoreSaturation = 100
	scoreHalfLife   = 7 * 24 * time.Hour
	MaxEdgeKm       = 300.0
)

// edgeScore is count/100 capped at 1, decayed by the time since lastUnix.
func edgeScore(count int, lastUnix int64, now time.Time) float64 {
	age := max(0, now.Sub(time.Unix(lastUnix, 0)))
	return min(1, float64(count)/scoreSaturation) * math.Exp2(-float64(age)/float64(scoreHalfLife))
}

type edgeAcc struct {
	Edge
	snrSum    float64
	snrN      int
	observers map[string]bool
	first     int64
	last      int64
}

// builder accumulates edges over one pass.
type builder struct {
	acc      map[[2]string]*edgeAcc
	res      *hops.Resolver
	rejected int
}

// add records one reception of edge e, rejecting a resolved edge longer than MaxEdgeKm.
func (b *builder) add(e hops.Edge, p *store.ObsPoint, obs string) {
	if !e.Ambiguous {
		if d, ok := b.res.DistanceKm(e.A, e.B); ok && d > MaxEdgeKm {
			b.rejected++
			return
		}
	}
	k := [2]string{e.A, e.B}
	a := b.acc[k]
	if a == nil {
		a = &edgeAcc{Edge: Edge{A: e.A, B: e.B, Prefix: e.Prefix, Ambiguous: e.Ambiguous, Candidates: e.Candidates, CountsByMode: map[int]int{}},
			observers: map[string]bool{}, first: p.Unix, last: p.Unix}
		b.acc[k] = a
	}
	a.Count++
	a.CountsByMode[modeOf(e.Prefix)]++
	a.observers[obs] = true
	a.first, a.last = min(a.first, p.Unix), max(a.last, p.Unix)
	if e.ObserverEnd && p.HasSNR {
		a.snrSum, a.snrN = a.snrSum+p.SNR, a.snrN+1
	}
}

// modeOf is a hop's size in bytes (1–3), 0 for a direct edge or an odd length.
func modeOf(prefix string) int {
	if n := len(prefix) / 2; len(prefix)%2 == 0 && n >= 1 && n <= 3 {
		return n
	}
	return 0
}

// Build derives the neighbour graph from every observation of src (storage spec §2.5,
// hops.Index.EdgesFor). Ambiguous prefix edges are kept and flagged; afterwards each is
// resolved when the hop resolver can decide it from the resolved edges around its
// known end (neighbour affinity or geography), and merged into that edge. Score is
// Count/100 capped at 1, decayed by age (edgeScore).
func Build(src GraphSource, now time.Time) *Graph {
	nodes := src.Nodes()
	g := &Graph{BuiltAt: now, role: map[string]string{}, name: map[string]*string{}, iata: map[string]string{}, ObserverNames: map[string]*string{}}
	for _, n := range nodes {
		k := strings.ToLower(n.PublicKey)
		g.name[k] = n.Name
		if n.Role != nil {
			g.role[k] = strings.ToLower(*n.Role)
		}
	}
	for _, o := range src.Observers() {
		g.ObserverNames[strings.ToLower(o.ID)] = o.Name
		if o.IATA != nil {
			g.iata[strings.ToLower(o.ID)] = strings.ToUpper(*o.IATA)
		}
	}
	b := &builder{acc: map[[2]string]*edgeAcc{}, res: hops.NewResolver(HopNodes(nodes), nil, now)}
	idx := b.res.Index()
	var path []string
	src.ScanObservations(0, func(p *store.ObsPoint) bool {
		if p.Observer == "" {
			return true
		}
		obs := strings.ToLower(p.Observer)
		path = hops.AppendPath(path[:0], p.PathJSON)
		for _, e := range idx.EdgesFor(hops.Reception{PayloadType: p.PayloadType, From: p.From, Observer: obs, Path: path}) {
			b.add(e, p, obs)
		}
		return true
	})
	b.resolveAmbiguous(nodes, now)
	g.RejectedGeoFar = b.rejected
	g.Edges = make([]Edge, 0, len(b.acc))
	for _, a := range b.acc {
		e := a.Edge
		e.Score = edgeScore(a.Count, a.last, now)
		e.FirstSeen, e.LastSeen = iso(a.first), iso(a.last)
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
