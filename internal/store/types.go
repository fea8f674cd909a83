package store

// Transmission is one transmission with its observations, copied out of the store.
// Field names and types mirror the API's row shapes so an adapter is a field copy.
type Transmission struct {
	ID          int64
	RawHex      string
	Hash        string
	FirstSeen   string
	RouteType   *int
	PayloadType *int
	DecodedJSON *string
	ChannelHash *string
	FromPubkey  *string
	// ScopeName is the region of a scoped transport packet ("#name", "" when the region
	// is not listed in hashRegions); nil when the packet is not scoped.
	ScopeName *string
	// Observations are newest first (timestamp, then id, descending).
	Observations []Observation
	// Best indexes Observations: the longest path, the earliest on ties (api.md §4.1);
	// -1 when there are no observations.
	Best int
}

// Observation is one observation; observer name and IATA come from the observers table.
type Observation struct {
	ID           int64
	TxID         int64
	ObserverID   *string
	ObserverName *string
	ObserverIATA *string
	Direction    *string
	SNR, RSSI    *float64
	Score        *int
	PathJSON     *string
	// Timestamp is RFC 3339 UTC with milliseconds ("2006-01-02T15:04:05.000Z").
	Timestamp    string
	ResolvedPath []*string
	RawHex       *string
}

// Node is one nodes row.
type Node struct {
	PublicKey    string
	Name         *string
	Role         *string
	Lat, Lon     *float64
	LastSeen     *string
	FirstSeen    *string
	AdvertCount  int
	BatteryMv    *int
	TemperatureC *float64
	Foreign      bool
	DefaultScope *string
}

// Observer is one observers row.
type Observer struct {
	ID                string
	Name              *string
	IATA              *string
	LastSeen          *string
	FirstSeen         *string
	PacketCount       int
	Model             *string
	Firmware          *string
	ClientVersion     *string
	Radio             *string
	BatteryMv         *int
	UptimeSecs        *int64
	NoiseFloor        *float64
	LastPacketAt      *string
	Inactive          bool
	ClockSkewSeconds  *int64
	ClockSkewCount24h int
	ClockLastNaiveAt  *string
	CanRelay          *bool
}

// Counts are the store's sizes for /api/perf, /api/health and /api/stats.
type Counts struct {
	Transmissions, Observations int64
	Nodes, Observers            int64
	// Evicted counts transmissions dropped by eviction since Open.
	Evicted int64
	// Inserts counts observations applied by following since Open.
	Inserts      int64
	TrackedBytes int64
	// ByHash, ByObserver, ByNode are the number of keys in those indexes.
	ByHash, ByObserver, ByNode int64
	// OldestLoaded is the first_seen of the oldest transmission in memory.
	OldestLoaded string
	LoadComplete bool
}

// Event is published for every observation the store follows (api.md §5): the
// transmission as it is after the observation was applied, and the observation.
type Event struct {
	Tx  Transmission
	Obs Observation
	// NewTx is true when the observation is the transmission's first in memory.
	NewTx bool
}

// BestObservation is the observation whose fields represent the transmission (Best), or
// nil when it has none.
func (t *Transmission) BestObservation() *Observation {
	if t.Best >= 0 && t.Best < len(t.Observations) {
		return &t.Observations[t.Best]
	}
	return nil
}
