package api

import (
	"math"
	"strings"
	"sync"
	"time"

	"github.com/corescope/corescope/internal/analytics"
)

// NodeScores are the multi-byte facts of every node and, for repeaters and rooms, the
// usefulness axes, composite and grade (api.md §4.4; definitions in the OpenAPI
// description of NodeBase).
type NodeScores struct {
	MultiByteStatus      *string  `json:"multi_byte_status,omitempty"`
	MultiByteEvidence    *string  `json:"multi_byte_evidence,omitempty"`
	MultiByteMaxHashSize *int     `json:"multi_byte_max_hash_size,omitempty"`
	TrafficShareScore    *float64 `json:"traffic_share_score,omitempty"`
	BridgeScore          *float64 `json:"bridge_score,omitempty"`
	CoverageScore        *float64 `json:"coverage_score,omitempty"`
	RedundancyScore      *float64 `json:"redundancy_score,omitempty"`
	UsefulnessScore      *float64 `json:"usefulness_score,omitempty"`
	// UsefulnessGrade is withheld until the neighbour graph has been built once.
	UsefulnessGrade *string `json:"usefulness_grade,omitempty"`
	// Detail only.
	RelayWindowHours   *float64 `json:"relay_window_hours,omitempty"`
	FloodAdvertCount7d *int     `json:"flood_advert_count_7d,omitempty"`
}

// scoreFacts is what the node scores are read from, rebuilt with the node enrichment.
type scoreFacts struct {
	facts *analytics.NodeFacts
	// useful is nil until the neighbour graph exists.
	useful *analytics.Usefulness
	// maxTraffic is the largest traffic share among visible repeaters and rooms.
	maxTraffic float64
}

// scoreMemo keeps the last path scan and structural axes between enrichment rebuilds.
type scoreMemo struct {
	mu sync.Mutex
	// paths is the path scan of the store at pathsGen (traffic shares, multi-byte hops).
	scanned  bool
	pathsGen storeGen
	paths    analytics.PathStats
	// useful holds the structural axes of the graph built at graphAt, computed at axesAt
	// (partial: on a store still loading); its Traffic is replaced by each new scan.
	useful  *analytics.Usefulness
	graphAt int64
	axesAt  time.Time
	partial bool
}

// usefulnessInterval is the least time between two structural-axis computations: they
// run a shortest-path pass per graph node (about a CPU-second for 2,000 nodes), and a
// mesh's structure moves slowly.
const usefulnessInterval = 5 * time.Minute

// pathsAndAxes returns the path scan and the axes. The path scan is redone whenever the
// store changed (the caller, the node enrichment, is itself rebuilt at most every 30 s
// in the background), so traffic shares and multi-byte evidence are never older than
// the store's data by more than that; the structural axes are redone when the neighbour
// graph was rebuilt and the last pass is older than usefulnessInterval (or ran on a
// partial load, or before the first graph).
func (s *Server) pathsAndAxes(now time.Time) (analytics.PathStats, *analytics.Usefulness, error) {
	g, err := s.store.NeighborGraph()
	if err != nil {
		return analytics.PathStats{}, nil, err
	}
	m := &s.scoreM
	m.mu.Lock()
	defer m.mu.Unlock()
	if gen := s.storeGen(); !m.scanned || gen != m.pathsGen {
		m.scanned, m.pathsGen, m.paths = true, gen, analytics.ScanPaths(s.store)
		if m.useful != nil {
			u := *m.useful
			u.Traffic = m.paths.Traffic
			m.useful = &u
		}
	}
	changed := g != nil && g.BuiltAtUnixMs != m.graphAt
	if changed && (m.useful == nil || m.partial || now.Sub(m.axesAt) >= usefulnessInterval) {
		m.axesAt, m.partial = now, !s.store.Counts().LoadComplete
		m.useful, m.graphAt = analytics.ComputeUsefulness(g.Edges, m.paths.Traffic, now), g.BuiltAtUnixMs
	}
	return m.paths, m.useful, nil
}

// buildScoreFacts reads the adverts and takes the (memoised) path scan and axes.
func (s *Server) buildScoreFacts(now time.Time) (*scoreFacts, error) {
	adverts, err := enrichmentSource{s}.AdvertSummaries()
	if err != nil {
		return nil, err
	}
	paths, useful, err := s.pathsAndAxes(now)
	if err != nil {
		return nil, err
	}
	sf := &scoreFacts{facts: analytics.BuildNodeFacts(adverts, paths.MultiByteHops, now), useful: useful}
	if useful == nil {
		return sf, nil
	}
	nodes, err := s.visibleNodes()
	if err != nil {
		return nil, err
	}
	for i := range nodes {
		if relayRole(nodes[i].Role) {
			sf.maxTraffic = math.Max(sf.maxTraffic, useful.Traffic.Share(nodes[i].PublicKey))
		}
	}
	return sf, nil
}

// relayRole reports the roles that relay and so get relay and usefulness fields.
func relayRole(role *string) bool {
	r := strings.ToLower(deref(role))
	return r == "repeater" || r == "room"
}

// enrichScores adds multi-byte facts (every node) and the usefulness fields
// (repeaters and rooms) to a node row.
func (s *Server) enrichScores(j *NodeJSON, sf *scoreFacts) {
	if sf == nil {
		return
	}
	mb := sf.facts.MultiByteOf(j.PublicKey)
	j.MultiByteStatus, j.MultiByteEvidence, j.MultiByteMaxHashSize = &mb.Status, &mb.Evidence, &mb.MaxHashSize
	if !relayRole(j.Role) {
		return
	}
	var ax analytics.Axes
	if sf.useful != nil {
		ax = sf.useful.Axes(j.PublicKey)
	}
	score := analytics.Composite(ax, sf.maxTraffic)
	j.TrafficShareScore, j.BridgeScore, j.CoverageScore, j.RedundancyScore = round4(ax.Traffic), round4(ax.Bridge), round4(ax.Coverage), round4(ax.Redundancy)
	j.UsefulnessScore = round4(score)
	if sf.useful != nil {
		g := analytics.Grade(score)
		j.UsefulnessGrade = &g
	}
}

// enrichDetailFacts adds the detail-only fields.
func (s *Server) enrichDetailFacts(j *NodeJSON, sf *scoreFacts) {
	if sf == nil {
		return
	}
	n := sf.facts.FloodAdverts7d[strings.ToLower(j.PublicKey)]
	j.FloodAdvertCount7d = &n
	if relayRole(j.Role) {
		h := s.relayWindowHours()
		j.RelayWindowHours = &h
	}
}

// relayWindowHours is healthThresholds.relayActiveHours (24 when unset).
func (s *Server) relayWindowHours() float64 {
	if h := s.opts.UI.Health.RelayActiveHours; h > 0 {
		return h
	}
	return 24
}

// round4 keeps four decimals: the axes are ratios, more digits are noise.
func round4(v float64) *float64 {
	r := math.Round(v*1e4) / 1e4
	return &r
}
