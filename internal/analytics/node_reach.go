package analytics

import (
	"sort"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

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
			hops := HopList(o.PathJSON)
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

// reliableTokens are the 1-, 2- and 3-byte prefixes of pk (upper-case) that no other
// stored node shares, so a hop carrying one of them can only be this node.
func reliableTokens(pk string, all []store.Node) []string {
	out := []string{}
	for _, n := range []int{2, 4, 6} {
		if len(pk) < n {
			break
		}
		p, unique := pk[:n], true
		for i := range all {
			k := strings.ToLower(all[i].PublicKey)
			if k != pk && strings.HasPrefix(k, p) {
				unique = false
				break
			}
		}
		if unique {
			out = append(out, strings.ToUpper(p))
		}
	}
	return out
}

// degreeRank counts pk's distinct unambiguous neighbours in the graph, its rank among
// nodes by that count (1 = most), and how many nodes have any edge.
func degreeRank(pk string, edges []Edge, hidden map[string]bool) (deg, rank, withEdges int) {
	nb := map[string]map[string]bool{}
	add := func(a, b string) {
		if nb[a] == nil {
			nb[a] = map[string]bool{}
		}
		nb[a][b] = true
	}
	for _, e := range edges {
		a, b := strings.ToLower(e.A), strings.ToLower(e.B)
		if e.Ambiguous || a == b || hidden[a] || hidden[b] {
			continue
		}
		add(a, b)
		add(b, a)
	}
	deg = len(nb[pk])
	rank = 1
	for k, m := range nb {
		if k != pk && len(m) > deg {
			rank++
		}
	}
	return deg, rank, len(nb)
}
