package analytics

import "time"

// NodeReachQuery selects one node's reach: its lower-case pubkey, the lookback in
// days and the clock.
type NodeReachQuery struct {
	Pubkey string
	Days   int
	Now    time.Time
	// ObserverIDs are the observer ids that are this node (any case): what it heard
	// itself is filed under them, not under its pubkey.
	ObserverIDs []string
}

// NodeReach is a node's two-way RF reach (api.md §3.4 #42): who heard it, whom it
// heard, with the SNR each way where an observer measured it.
type NodeReach struct {
	Node            ReachSelf        `json:"node"`
	Window          ReachWindow      `json:"window"`
	ReliableTokens  []string         `json:"reliable_tokens"`
	Importance      ReachImportance  `json:"importance"`
	DirectObservers []DirectObserver `json:"direct_observers"`
	Links           []ReachLink      `json:"links"`
}

// ReachSelf describes the node itself.
type ReachSelf struct {
	Pubkey    string   `json:"pubkey"`
	Name      *string  `json:"name"`
	Role      *string  `json:"role"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
	FirstSeen *string  `json:"first_seen"`
}

// ReachWindow is the lookback the answer covers.
type ReachWindow struct {
	Days  int    `json:"days"`
	Since string `json:"since"`
}

// ReachImportance places the node in the neighbour graph and counts its evidence.
type ReachImportance struct {
	NeighborDegree     int `json:"neighbor_degree"`
	DegreeRank         int `json:"degree_rank"`
	NodesWithEdges     int `json:"nodes_with_edges"`
	RelayObservations  int `json:"relay_observations"`
	BidirectionalLinks int `json:"bidirectional_links"`
	DirectObservers    int `json:"direct_observers"`
}

// DirectObserver is an observer that heard the node with no relay between them.
type DirectObserver struct {
	Pubkey string `json:"pubkey"`
	// ObserverID is the observer's id as stored (its case), for /api/observers/{id}.
	ObserverID string   `json:"observer_id"`
	Name       *string  `json:"name"`
	Count      int      `json:"count"`
	AvgSNR     *float64 `json:"avg_snr"`
	Lat        *float64 `json:"lat"`
	Lon        *float64 `json:"lon"`
	DistanceKm *float64 `json:"distance_km"`
	LastHeard  string   `json:"last_heard"`
}

// ReachLink is one RF neighbour: WeHear counts receptions of the neighbour by the
// node, TheyHear receptions of the node by the neighbour; the SNRs are means over the
// receptions an observer measured (nil when none did); Bottleneck is the weaker way.
type ReachLink struct {
	Pubkey      string   `json:"pubkey"`
	Name        *string  `json:"name"`
	Role        *string  `json:"role"`
	Lat         *float64 `json:"lat"`
	Lon         *float64 `json:"lon"`
	WeHear      int      `json:"we_hear"`
	TheyHear    int      `json:"they_hear"`
	Bottleneck  int      `json:"bottleneck"`
	Bidir       bool     `json:"bidir"`
	WeHearSNR   *float64 `json:"we_hear_snr"`
	TheyHearSNR *float64 `json:"they_hear_snr"`
	DistanceKm  *float64 `json:"distance_km"`
	LastHeard   string   `json:"last_heard"`
}
