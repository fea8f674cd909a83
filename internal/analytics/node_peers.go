package analytics

import (
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// MaxPeerInteractions caps peerInteractions; computedStats.uniquePeers counts them all.
const MaxPeerInteractions = 20

// PeerInteraction is one peer of a node: how many transmissions they shared and when last.
type PeerInteraction struct {
	LastContact  string  `json:"lastContact"`
	MessageCount int     `json:"messageCount"`
	PeerKey      string  `json:"peer_key"`
	PeerName     *string `json:"peer_name"`
}

// peerAcc accumulates the node analytics' peer interactions (api.md §3.4 #36).
//
// Direct messages between two nodes are end-to-end encrypted (packet-format.md §5.1),
// so who talks to whom is read from who carries whose packets instead. A peer of node N
// is another node that exchanged a transmission with N over the air:
//   - a transmission N originated (from_pubkey = N): every node on a resolved path
//     of any of its observations relayed it, and is a peer;
//   - a transmission N relayed (N on a resolved path, someone else the originator):
//     its originator (from_pubkey) is a peer.
//
// messageCount counts the distinct transmissions shared with the peer and lastContact
// is the newest first_seen among them. Hidden peers are left out.
type peerAcc struct {
	self   string // lower-case pubkey of N
	hidden func(pk string) bool
	peers  map[string]*peerStat
	seen   map[string]bool // peers already counted for the current transmission
}

type peerStat struct {
	count int
	last  string
}

func newPeerAcc(self string, hidden func(pk string) bool) *peerAcc {
	return &peerAcc{self: strings.ToLower(self), hidden: hidden, peers: map[string]*peerStat{}, seen: map[string]bool{}}
}

// add records the peers of one transmission of N.
func (p *peerAcc) add(t *store.Transmission) {
	clear(p.seen)
	from := ""
	if t.FromPubkey != nil {
		from = strings.ToLower(*t.FromPubkey)
	}
	if from == p.self {
		for i := range t.Observations {
			for _, k := range t.Observations[i].ResolvedPath {
				if k != nil {
					p.count(strings.ToLower(*k), t.FirstSeen)
				}
			}
		}
		return
	}
	if from != "" && p.relayed(t) {
		p.count(from, t.FirstSeen)
	}
}

// relayed reports whether N is on a resolved path of t.
func (p *peerAcc) relayed(t *store.Transmission) bool {
	for i := range t.Observations {
		for _, k := range t.Observations[i].ResolvedPath {
			if k != nil && strings.EqualFold(*k, p.self) {
				return true
			}
		}
	}
	return false
}

func (p *peerAcc) count(pk, firstSeen string) {
	if pk == "" || pk == p.self || p.seen[pk] || p.hidden(pk) {
		return
	}
	p.seen[pk] = true
	st := p.peers[pk]
	if st == nil {
		st = &peerStat{}
		p.peers[pk] = st
	}
	st.count++
	st.last = max(st.last, firstSeen)
}

// result returns the top peers (most transmissions, then newest contact, then key) with
// their names, and the number of distinct peers.
func (p *peerAcc) result(names map[string]*string) ([]PeerInteraction, int) {
	keys := make([]string, 0, len(p.peers))
	for k := range p.peers {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := p.peers[keys[i]], p.peers[keys[j]]
		if a.count != b.count {
			return a.count > b.count
		}
		if a.last != b.last {
			return a.last > b.last
		}
		return keys[i] < keys[j]
	})
	out := []PeerInteraction{}
	for _, k := range keys[:min(len(keys), MaxPeerInteractions)] {
		out = append(out, PeerInteraction{PeerKey: k, PeerName: names[k], MessageCount: p.peers[k].count, LastContact: p.peers[k].last})
	}
	return out, len(keys)
}
