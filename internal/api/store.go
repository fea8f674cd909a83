package api

import (
	"github.com/corescope/corescope/internal/analytics"
	"time"

	"github.com/corescope/corescope/internal/store"
)

// Store is what the handlers need from the in-memory packet store. cmd/server passes
// StoreView, the adapter over internal/store (storeview.go); tests may pass fakes.
// No method hands out the whole data set at once: full passes go through the Scan and
// Summaries methods, which copy in bounded batches.
type Store interface {
	// Transmissions returns the transmissions matching f, sorted by id (descending unless
	// f.Ascending), the page [offset, offset+limit) and the total match count. Meant for
	// pages: a negative limit copies every match.
	Transmissions(f TxFilter, offset, limit int) ([]TxRow, int, error)
	// ScanTransmissions calls fn with every match in f's order until fn returns false.
	// Rows are copied in batches; fn must not keep t.
	ScanTransmissions(f TxFilter, fn func(t *TxRow) bool) error
	// Summaries returns one summary per matching transmission (f's order) without
	// copying observations.
	Summaries(f TxFilter) ([]store.TxSummary, error)
	// TransmissionByHash looks up a 16-hex content hash (lower-case).
	TransmissionByHash(hash string) (TxRow, bool, error)
	// TransmissionByID looks up a transmission id.
	TransmissionByID(id int64) (TxRow, bool, error)
	// ObservationByID returns an observation with its transmission.
	ObservationByID(id int64) (TxRow, ObsRow, bool, error)
	// FirstSeenAfter returns first_seen values strictly after since, ascending.
	FirstSeenAfter(since string) ([]string, error)
	// Nodes returns every node row (hiding rules are applied by the API).
	Nodes() ([]NodeRow, error)
	// Observers returns every observer row.
	Observers() ([]ObserverRow, error)
	// Counts reports store sizes.
	Counts() StoreCounts
	// ObserverIATAs lists distinct observer IATA codes.
	ObserverIATAs() []string
	// NeighborGraph returns the current graph snapshot (nil before the first build).
	NeighborGraph() (*Graph, error)
	// ScanObserver calls fn for every observation of one observer at or after sinceUnix,
	// oldest first, until fn returns false; fn must not keep p.
	ScanObserver(id string, sinceUnix int64, fn func(p *store.ObsPoint) bool)
	// ScanObservations calls fn for every observation at or after sinceUnix, oldest
	// first, until fn returns false; fn must not keep p.
	ScanObservations(sinceUnix int64, fn func(p *store.ObsPoint) bool)
	// RecentObservations returns an observer's newest limit observations, newest first.
	RecentObservations(id string, limit int) []store.EnrichedObservation
	// ObserverCounts returns per observer id the observations with a timestamp at or
	// after since.
	ObserverCounts(since time.Time) (map[string]int, error)
	// ObserverCountsBetween is ObserverCounts for from ≤ timestamp < to.
	ObserverCountsBetween(from, to time.Time) (map[string]int, error)
	// CountObservationsSince counts the observations with a timestamp at or after since.
	CountObservationsSince(since time.Time) (int, error)
}

// TxFilter selects transmissions; zero fields do not filter.
type TxFilter struct {
	Ascending   bool
	PayloadType *int
	// PayloadTypes matches any of these payload types.
	PayloadTypes []int
	RouteType    *int
	Hash         string
	// Observers matches transmissions heard by any of these observer ids.
	Observers []string
	// Nodes matches transmissions indexed to any of these pubkeys.
	Nodes []string
	// Channel matches GRP_TXT channel names or "enc_<HEX>".
	Channel string
	// Since / Until compare first_seen strictly.
	Since, Until string
}

// TxRow is one transmission with its observations (newest first); Best indexes the
// observation whose fields represent it. It is the store's row, so the analytics
// computations (internal/analytics) read what the handlers read without a copy.
type TxRow = store.Transmission

// ObsRow is one observation.
type ObsRow = store.Observation

// NodeRow is one nodes row.
type NodeRow struct {
	PublicKey     string   `json:"public_key"`
	Name          *string  `json:"name"`
	Role          *string  `json:"role"`
	Lat           *float64 `json:"lat"`
	Lon           *float64 `json:"lon"`
	LastSeen      *string  `json:"last_seen"`
	FirstSeen     *string  `json:"first_seen"`
	AdvertCount   int      `json:"advert_count"`
	BatteryMv     *int     `json:"battery_mv"`
	TemperatureC  *float64 `json:"temperature_c"`
	Foreign       bool     `json:"foreign"`
	DefaultScope  *string  `json:"-"`
	HashSize      *int     `json:"-"`
	HashSizesSeen []int    `json:"-"`
}

// ObserverRow is one observers row.
type ObserverRow struct {
	ID                string   `json:"id"`
	Name              *string  `json:"name"`
	IATA              *string  `json:"iata"`
	LastSeen          *string  `json:"last_seen"`
	FirstSeen         *string  `json:"first_seen"`
	PacketCount       int      `json:"packet_count"`
	Model             *string  `json:"model"`
	Firmware          *string  `json:"firmware"`
	ClientVersion     *string  `json:"client_version"`
	Radio             *string  `json:"radio"`
	BatteryMv         *int     `json:"battery_mv"`
	UptimeSecs        *int64   `json:"uptime_secs"`
	NoiseFloor        *float64 `json:"noise_floor"`
	LastPacketAt      *string  `json:"last_packet_at"`
	Inactive          bool     `json:"-"`
	ClockSkewSeconds  *int64   `json:"-"`
	ClockSkewCount24h int      `json:"-"`
	ClockLastNaiveAt  *string  `json:"-"`
	CanRelay          *bool    `json:"-"`
}

// StoreCounts are the store's sizes for /api/perf, /api/health and /api/stats.
type StoreCounts struct {
	Transmissions, Observations int64
	Nodes, Observers            int64
	Evicted, Inserts, Queries   int64
	TrackedBytes                int64
	ByHash, ByObserver, ByNode  int64
	OldestLoaded                string
	LoadComplete                bool
}

// Graph is the neighbour graph snapshot.
type Graph struct {
	Edges []GraphEdge
	// BuiltAtUnixMs is when the snapshot was built.
	BuiltAtUnixMs int64
	// RejectedGeoFar and ObserverNames are analytics.Graph's (geo-far receptions
	// dropped at build; observer names for observer-only endpoints).
	RejectedGeoFar int
	ObserverNames  map[string]*string
}

// GraphEdge is one neighbour edge; B may be "prefix:<hex>" when unresolved.
type GraphEdge = analytics.Edge
