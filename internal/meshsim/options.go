package meshsim

import "time"

// Site is a named place observers are assigned to (the nearest one supplies the IATA).
type Site struct {
	IATA     string
	Lat, Lon float64
}

// Options describes the simulated world and its traffic.
type Options struct {
	Seed      uint64
	Nodes     int // total nodes, including observers
	Observers int // nodes that upload to MQTT (chosen among repeaters and rooms first)
	// Region is the disk nodes are placed in.
	CenterLat, CenterLon, RadiusKm float64
	Sites                          []Site
	// RoleShares are the fractions of repeaters, companions, rooms and sensors.
	Repeaters, Companions, Rooms, Sensors float64
	// HashSizeShares are the fractions of nodes flooding with 1-, 2- and 3-byte hop hashes.
	HashSizeShares [3]float64
	// Collisions is how many repeaters get a public key sharing its first byte with
	// another repeater (1-byte hop-hash collisions), on top of chance collisions.
	Collisions int
	// Channels are the hashtag channels used besides Public.
	Channels []string
	// PublicShare is the fraction of channel messages sent on Public.
	PublicShare float64
	// ScopeRegion and ScopedShare make that fraction of floods TRANSPORT_FLOOD scoped
	// to the region (code1 from meshcore.ScopeCode).
	ScopeRegion string
	ScopedShare float64
	// ScopeRegions are further regions scoped floods are spread over; a repeater is
	// configured with the region of its nearest site (Sites[i] → region i mod count).
	ScopeRegions []string
	// ScopedRepeaters and OpenRepeaters are the shares of repeaters configured with
	// `denyf *` plus their region, and with their region only (forwarding unscoped).
	ScopedRepeaters, OpenRepeaters float64
	// Misconfigured scoped repeaters forward outside the configuration they report
	// (World.Misconfigured is the ground truth).
	Misconfigured int
	// NeighborsInterval is how often (simulated time) observers publish their
	// …/neighbors report, the first with the first step; 0 = never.
	NeighborsInterval time.Duration
	// NeighborFailShare is the share of over-the-air neighbour queries that time out.
	NeighborFailShare float64
	// MobileClients companions roam with a phone and upload what they hear with a GPS
	// fix (meshcore/client/<PUBKEY>/packets) every ClientRxInterval of simulated time,
	// the first with the first step; 0 = never. Generator.ClientRxLog is the ground truth.
	MobileClients    int
	ClientRxInterval time.Duration
	// MaxHops bounds flood forwarding; MaxCopies bounds receptions per observer and transmission.
	MaxHops, MaxCopies int
	// ObserversPerTx, when ≥ 1, is the mean number of observers that upload each
	// transmission (drawn per transmission between 1 and 2·ObserversPerTx−1, capped by how
	// many heard it). Real meshes have observers spread over many regions, so a packet
	// reaches a handful of them; 0 lets every observer in range upload.
	ObserversPerTx float64
	// TrafficSeed seeds the traffic separately from the world (0 = Seed), so the same
	// world can produce new, distinct packets (a bench ingesting into a dataset of it).
	TrafficSeed uint64
	// StatusInterval is how often (simulated time) each observer publishes …/status.
	StatusInterval time.Duration
	// Mix weighs the traffic scenarios.
	Mix Mix
	// AdvertRound makes every node advertise once before random traffic starts, so a
	// fresh database knows the whole mesh right away.
	AdvertRound bool
}

// Mix weighs traffic scenarios; a scenario may produce several transmissions
// (a direct message and its ACK or returned PATH, a request and its response).
type Mix struct {
	Advert, Channel, Direct, Request, Login, Trace float64
}

// DefaultOptions returns a mid-sized Bay Area mesh: 80 nodes, 8 observers in three regions.
func DefaultOptions() Options {
	return Options{
		Seed: 1, Nodes: 80, Observers: 8,
		CenterLat: 37.55, CenterLon: -122.15, RadiusKm: 35,
		Sites:     []Site{{"SFO", 37.62, -122.38}, {"OAK", 37.72, -122.22}, {"SJC", 37.36, -121.93}},
		Repeaters: 0.3, Companions: 0.5, Rooms: 0.08, Sensors: 0.12,
		HashSizeShares: [3]float64{0.7, 0.2, 0.1},
		Collisions:     3,
		Channels:       []string{"#test", "#bayarea", "#emergency", "#meshcore"},
		PublicShare:    0.6,
		ScopeRegion:    "#bayarea", ScopedShare: 0.1,
		ScopeRegions:    []string{"#oak", "#sjc"},
		ScopedRepeaters: 0.4, OpenRepeaters: 0.2, Misconfigured: 2,
		NeighborsInterval: 24 * time.Hour, NeighborFailShare: 0.2,
		MobileClients: 3, ClientRxInterval: 10 * time.Minute,
		MaxHops: 8, MaxCopies: 2,
		StatusInterval: 5 * time.Minute,
		Mix:            Mix{Advert: 0.22, Channel: 0.38, Direct: 0.18, Request: 0.12, Login: 0.04, Trace: 0.06},
		AdvertRound:    true,
	}
}
