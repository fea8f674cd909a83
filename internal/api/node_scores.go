package api

import (
	"math"
	"strings"
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

// buildScoreFacts reads the adverts and observations once and, when the neighbour
// graph has been built, scores its nodes.
func (s *Server) buildScoreFacts(now time.Time) (*scoreFacts, error) {
	adverts, err := enrichmentSource{s}.AdvertSummaries()
	if err != nil {
		return nil, err
	}
	sf := &scoreFacts{facts: analytics.BuildNodeFacts(adverts, s.store, now)}
	g, err := s.store.NeighborGraph()
	if err != nil || g == nil {
		return sf, err
	}
	sf.useful = analytics.ComputeUsefulness(g.Edges, analytics.ComputeTrafficShares(s.store), now)
	nodes, err := s.visibleNodes()
	if err != nil {
		return nil, err
	}
	for i := range nodes {
		if relayRole(nodes[i].Role) {
			sf.maxTraffic = math.Max(sf.maxTraffic, sf.useful.Traffic.Share(nodes[i].PublicKey))
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
