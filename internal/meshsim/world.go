package meshsim

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/corescope/corescope/internal/meshcore"
)

// ErrOptions is returned for option values a world cannot be built from.
var ErrOptions = errors.New("invalid simulation options")

// Node is one simulated radio.
type Node struct {
	Index    int
	Name     string
	Role     meshcore.Role
	Priv     ed25519.PrivateKey
	Pub      ed25519.PublicKey
	Lat, Lon float64
	// ShareLocation says whether adverts carry the position.
	ShareLocation bool
	// HashSize is the hop-hash width (1–3 bytes) of the floods this node originates.
	HashSize int
	// GainDB is the antenna/elevation advantage used by the link model.
	GainDB float64
	// Observer is set when this node uploads what it hears.
	Observer *Observer
	// Scope is the repeater's region configuration (nil: none, forwards everything).
	Scope *ScopeConfig
	links []link
	// heard are the links to nodes whose reception matters to a transmission: repeaters
	// (they forward) and observers (they upload). Companions and sensors only receive, so
	// propagation need not sample their links.
	heard []link
}

// Prefix returns the first n bytes of the node's public key (its hop hash).
func (n *Node) Prefix(size int) []byte { return n.Pub[:size] }

// Observer is a node that publishes its receptions to MQTT.
type Observer struct {
	Node *Node
	ID   string // upper-case hex public key, the topic segment
	IATA string
	stats
}

// Channel is a group channel with its 16-byte key.
type Channel struct {
	Name string
	Key  [16]byte
}

// World is the static part of a simulation: nodes, links, observers and channels.
type World struct {
	Nodes     []*Node
	Observers []*Observer
	Channels  []Channel // Public first
	opts      Options
}

// NewWorld builds a world from opts; the same options always give the same world.
func NewWorld(opts Options) (*World, error) {
	if opts.Nodes < 2 || opts.Nodes > 100000 || opts.Observers < 1 || opts.Observers > opts.Nodes ||
		!(opts.RadiusKm > 0) || len(opts.Sites) == 0 || opts.MaxHops < 1 || opts.MaxCopies < 1 {
		return nil, fmt.Errorf("new world: %w: need 2 ≤ nodes ≤ 100000, 1 ≤ observers ≤ nodes, radius > 0, a site, max hops/copies ≥ 1", ErrOptions)
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6d65736873696d))
	w := &World{opts: opts}
	pub, _ := hex.DecodeString(meshcore.PublicChannelKey)
	var pk [16]byte
	copy(pk[:], pub)
	w.Channels = append(w.Channels, Channel{meshcore.PublicChannelName, pk})
	for _, c := range opts.Channels {
		if c = strings.TrimSpace(c); c != "" {
			if !strings.HasPrefix(c, "#") {
				c = "#" + c
			}
			w.Channels = append(w.Channels, Channel{c, meshcore.HashtagKey(c)})
		}
	}
	roles := assignRoles(rng, opts)
	names := newNamer(rng)
	for i, role := range roles {
		n := &Node{Index: i, Role: role, HashSize: pickHashSize(rng, opts.HashSizeShares)}
		n.Lat, n.Lon = placeInDisk(rng, opts.CenterLat, opts.CenterLon, opts.RadiusKm)
		n.Priv = newKey(rng)
		n.Pub = n.Priv.Public().(ed25519.PublicKey)
		n.Name = names.name(role, i)
		n.ShareLocation = role != meshcore.RoleCompanion || rng.Float64() < 0.6
		n.GainDB = roleGain(role)
		w.Nodes = append(w.Nodes, n)
	}
	w.forceCollisions(rng)
	w.pickObservers(rng)
	w.buildLinks()
	w.assignScopes()
	return w, nil
}

// newKey derives an Ed25519 key from 32 seed bytes drawn from rng.
func newKey(rng *rand.Rand) ed25519.PrivateKey {
	var seed [32]byte
	for i := 0; i < 32; i += 8 {
		v := rng.Uint64()
		for j := 0; j < 8; j++ {
			seed[i+j] = byte(v >> (8 * j))
		}
	}
	return ed25519.NewKeyFromSeed(seed[:])
}

func assignRoles(rng *rand.Rand, o Options) []meshcore.Role {
	total := o.Repeaters + o.Companions + o.Rooms + o.Sensors
	if !(total > 0) {
		total, o.Repeaters = 1, 1
	}
	counts := []struct {
		role meshcore.Role
		n    int
	}{
		{meshcore.RoleRepeater, max(1, int(math.Round(float64(o.Nodes)*o.Repeaters/total)))},
		{meshcore.RoleRoom, int(math.Round(float64(o.Nodes) * o.Rooms / total))},
		{meshcore.RoleSensor, int(math.Round(float64(o.Nodes) * o.Sensors / total))},
	}
	roles := make([]meshcore.Role, 0, o.Nodes)
	for _, c := range counts {
		for i := 0; i < c.n && len(roles) < o.Nodes; i++ {
			roles = append(roles, c.role)
		}
	}
	for len(roles) < o.Nodes {
		roles = append(roles, meshcore.RoleCompanion)
	}
	rng.Shuffle(len(roles), func(i, j int) { roles[i], roles[j] = roles[j], roles[i] })
	return roles
}

func pickHashSize(rng *rand.Rand, shares [3]float64) int {
	x := rng.Float64() * (shares[0] + shares[1] + shares[2])
	switch {
	case x < shares[0] || shares[0]+shares[1]+shares[2] == 0:
		return 1
	case x < shares[0]+shares[1]:
		return 2
	}
	return 3
}

func roleGain(r meshcore.Role) float64 {
	switch r {
	case meshcore.RoleRepeater:
		return 6
	case meshcore.RoleRoom:
		return 4
	case meshcore.RoleSensor:
		return 2
	}
	return 0
}

// placeInDisk returns a uniformly distributed point within radiusKm of the centre.
func placeInDisk(rng *rand.Rand, lat, lon, radiusKm float64) (float64, float64) {
	r := radiusKm * math.Sqrt(rng.Float64())
	a := rng.Float64() * 2 * math.Pi
	dLat := r * math.Cos(a) / 111.32
	dLon := r * math.Sin(a) / (111.32 * math.Cos(lat*math.Pi/180))
	return math.Round((lat+dLat)*1e6) / 1e6, math.Round((lon+dLon)*1e6) / 1e6
}

// ChannelKeysJSON returns the world's hashtag channels as an ingestor channel-keys file
// (a JSON object name → 32-hex key), so a demo ingestor can decrypt every channel.
func (w *World) ChannelKeysJSON() ([]byte, error) {
	m := map[string]string{}
	for _, c := range w.Channels[1:] {
		m[c.Name] = hexString(c.Key[:])
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal channel keys: %w", err)
	}
	return append(b, '\n'), nil
}
