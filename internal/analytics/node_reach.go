package analytics

import (
	"sort"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

// reachPeer accumulates one neighbour.
type reachPeer struct {
	we, they       int
	weSNR, theySNR Mean
	last           string
	obsName        *string
	obsID          string
}

// ComputeNodeReach walks every observation of the node's transmissions in the window.
// Each observation is a chain of radios — the originator (when known), the resolved
// relays, the observer — in which every radio heard the one before it; only floods
// (and zero-hop packets) carry such a chain. Unresolved hops break the chain.
func ComputeNodeReach(src NodeSource, edges []Edge, q NodeReachQuery) (NodeReach, error) {
	pk := strings.ToLower(q.Pubkey)
	from := q.Now.UTC().Add(-time.Duration(q.Days) * 24 * time.Hour)
	all, err := src.AllNodes()
	if err != nil {
		return NodeReach{}, err
	}
	hidden, err := src.HiddenNodes()
	if err != nil {
		return NodeReach{}, err
	}
	byKey := nodesByKey(all)
	peers := map[string]*reachPeer{}
	peer := func(k string) *reachPeer {
		p := peers[k]
		if p == nil {
			p = &reachPeer{}
			peers[k] = p
		}
		return p
	}
	direct := map[string]*reachPeer{}
	relayObs := 0
	since := from.Add(-time.Second).Format(time.RFC3339)
	windows := []Window{{Nodes: []string{pk}, Since: since}}
	if len(q.ObserverIDs) > 0 {
		windows = append(windows, Window{Observers: q.ObserverIDs, Since: since})
	}
	seen := map[int64]bool{}
	visit := func(t *store.Transmission) bool {
		if seen[t.ID] {
			return true
		}
		seen[t.ID] = true
		flood := t.RouteType != nil && meshcore.RouteType(*t.RouteType).IsFlood()
		for j := range t.Observations {
			o := &t.Observations[j]
			if o.ObserverID == nil || src.HiddenObserver(*o.ObserverID) {
				continue
			}
			if ot, ok := ParseTime(o.Timestamp); !ok || ot.Before(from) {
				continue
			}
			hops := parsedPath(o.PathJSON)
			if !flood && len(hops) > 0 {
				continue // a direct route lists the hops still to go, not who heard whom
			}
			chain := make([]string, 0, len(hops)+2)
			chain = append(chain, strings.ToLower(deref(t.FromPubkey)))
			for k := range hops {
				r := ""
				if k < len(o.ResolvedPath) && o.ResolvedPath[k] != nil {
					r = strings.ToLower(*o.ResolvedPath[k])
				}
				if r == pk {
					relayObs++
				}
				chain = append(chain, r)
			}
			obs := strings.ToLower(*o.ObserverID)
			chain = append(chain, obs)
			for k := 0; k+1 < len(chain); k++ {
				a, b := chain[k], chain[k+1]
				if a == "" || b == "" || a == b || (a != pk && b != pk) {
					continue
				}
				toObserver := k+2 == len(chain)
				if a == pk { // b heard the node
					if hidden[b] || src.HiddenNode(b) {
						continue
					}
					p := peer(b)
					p.they++
					p.last = max(p.last, o.Timestamp)
					if toObserver {
						p.theySNR.Add(o.SNR)
						p.obsName = o.ObserverName
						d := direct[b]
						if d == nil {
							d = &reachPeer{obsName: o.ObserverName, obsID: *o.ObserverID}
							direct[b] = d
						}
						d.they++
						d.theySNR.Add(o.SNR)
						d.last = max(d.last, o.Timestamp)
					}
				} else { // the node heard a
					if hidden[a] || src.HiddenNode(a) {
						continue
					}
					p := peer(a)
					p.we++
					p.last = max(p.last, o.Timestamp)
					if toObserver {
						p.weSNR.Add(o.SNR)
					}
				}
			}
		}
		return true
	}
	for _, w := range windows {
		src.Scan(w, visit)
	}
	self := byKey[pk]
	out := NodeReach{Window: ReachWindow{Days: q.Days, Since: from.Format(time.RFC3339)},
		ReliableTokens: reliableTokens(pk, all), DirectObservers: []DirectObserver{}, Links: []ReachLink{}}
	out.Node.Pubkey = pk
	if self != nil {
		out.Node = ReachSelf{Pubkey: pk, Name: self.Name, Role: self.Role, Lat: self.Lat, Lon: self.Lon, FirstSeen: self.FirstSeen}
	}
	dist := func(n *store.Node) *float64 {
		if self == nil || n == nil || !hasPos(self) || !hasPos(n) {
			return nil
		}
		v := Round2(HaversineKm(*self.Lat, *self.Lon, *n.Lat, *n.Lon))
		return &v
	}
	for k, p := range peers {
		n := byKey[k]
		l := ReachLink{Pubkey: k, Name: p.obsName, WeHear: p.we, TheyHear: p.they, Bottleneck: min(p.we, p.they),
			Bidir: p.we > 0 && p.they > 0, WeHearSNR: p.weSNR.Value(), TheyHearSNR: p.theySNR.Value(), DistanceKm: dist(n), LastHeard: p.last}
		if n != nil {
			l.Name, l.Role, l.Lat, l.Lon = n.Name, n.Role, n.Lat, n.Lon
		}
		if l.Bidir {
			out.Importance.BidirectionalLinks++
		}
		out.Links = append(out.Links, l)
	}
	sort.Slice(out.Links, func(i, j int) bool {
		a, b := out.Links[i], out.Links[j]
		if a.Bottleneck != b.Bottleneck {
			return a.Bottleneck > b.Bottleneck
		}
		if a.WeHear+a.TheyHear != b.WeHear+b.TheyHear {
			return a.WeHear+a.TheyHear > b.WeHear+b.TheyHear
		}
		return a.Pubkey < b.Pubkey
	})
	for k, d := range direct {
		n := byKey[k]
		e := DirectObserver{Pubkey: k, ObserverID: d.obsID, Name: d.obsName, Count: d.they, AvgSNR: d.theySNR.Value(), DistanceKm: dist(n), LastHeard: d.last}
		if n != nil {
			e.Lat, e.Lon = n.Lat, n.Lon
			if n.Name != nil {
				e.Name = n.Name
			}
		}
		out.DirectObservers = append(out.DirectObservers, e)
	}
	sort.Slice(out.DirectObservers, func(i, j int) bool {
		a, b := out.DirectObservers[i], out.DirectObservers[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Pubkey < b.Pubkey
	})
	out.Importance.RelayObservations = relayObs
	out.Importance.DirectObservers = len(out.DirectObservers)
	out.Importance.NeighborDegree, out.Importance.DegreeRank, out.Importance.NodesWithEdges = degreeRank(pk, edges, hidden)
	return out, nil
}

func hasPos(n *store.Node) bool {
	return n.Lat != nil && n.Lon != nil && !(*n.Lat == 0 && *n.Lon == 0)
}
