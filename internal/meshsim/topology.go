package meshsim

import (
	"crypto/ed25519"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/meshcore"
)

// forceCollisions gives Options.Collisions repeaters a key whose first byte equals
// another repeater's, so 1-byte hop hashes are ambiguous as on real meshes.
func (w *World) forceCollisions(rng *rand.Rand) {
	var reps []*Node
	for _, n := range w.Nodes {
		if n.Role == meshcore.RoleRepeater {
			reps = append(reps, n)
		}
	}
	for i := 0; i+1 < len(reps) && i/2 < w.opts.Collisions; i += 2 {
		target, victim := reps[i], reps[i+1]
		for tries := 0; tries < 4096 && victim.Pub[0] != target.Pub[0]; tries++ {
			victim.Priv = newKey(rng)
			victim.Pub = victim.Priv.Public().(ed25519.PublicKey)
		}
	}
}

// pickObservers turns Options.Observers nodes into uploaders, preferring repeaters and
// rooms (the usual home of an MQTT uploader), and assigns the nearest site's IATA.
func (w *World) pickObservers(rng *rand.Rand) {
	order := rng.Perm(len(w.Nodes))
	rank := func(n *Node) int {
		switch n.Role {
		case meshcore.RoleRepeater:
			return 0
		case meshcore.RoleRoom:
			return 1
		}
		return 2
	}
	sort.SliceStable(order, func(i, j int) bool { return rank(w.Nodes[order[i]]) < rank(w.Nodes[order[j]]) })
	for _, idx := range order[:w.opts.Observers] {
		n := w.Nodes[idx]
		o := &Observer{Node: n, ID: strings.ToUpper(hexString(n.Pub)), IATA: w.nearestSite(n)}
		n.Observer = o
		w.Observers = append(w.Observers, o)
	}
	sort.Slice(w.Observers, func(i, j int) bool { return w.Observers[i].Node.Index < w.Observers[j].Node.Index })
}

func (w *World) nearestSite(n *Node) string {
	best, bestD := "", math.Inf(1)
	for _, s := range w.opts.Sites {
		d := distanceKm(n, &Node{Lat: s.Lat, Lon: s.Lon})
		if d < bestD {
			best, bestD = s.IATA, d
		}
	}
	return best
}

// buildLinks precomputes, for every node, the nodes that can hear it at least some of
// the time. A grid keeps this near-linear for large worlds.
func (w *World) buildLinks() {
	const cellKm = 40.0 // beyond the best-case range of two repeaters
	type cell struct{ x, y int }
	key := func(n *Node) cell {
		return cell{int(math.Floor(n.Lat * 111.32 / cellKm)), int(math.Floor(n.Lon * 111.32 * math.Cos(w.opts.CenterLat*math.Pi/180) / cellKm))}
	}
	grid := map[cell][]*Node{}
	for _, n := range w.Nodes {
		grid[key(n)] = append(grid[key(n)], n)
	}
	for _, a := range w.Nodes {
		c := key(a)
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				for _, b := range grid[cell{c.x + dx, c.y + dy}] {
					if b == a {
						continue
					}
					if r := meanRSSI(a, b); r-noiseFloorDBm >= minSNR-2*fadeSigmaDB {
						a.links = append(a.links, link{to: b, rssi: r})
					}
				}
			}
		}
		sort.Slice(a.links, func(i, j int) bool { return a.links[i].to.Index < a.links[j].to.Index })
		for _, l := range a.links {
			if l.to.Role == meshcore.RoleRepeater || l.to.Observer != nil {
				a.heard = append(a.heard, l)
			}
		}
	}
}

const hexDigits = "0123456789abcdef"

func hexString(b []byte) string {
	out := make([]byte, 2*len(b))
	for i, v := range b {
		out[2*i], out[2*i+1] = hexDigits[v>>4], hexDigits[v&0x0F]
	}
	return string(out)
}
