package store

import (
	"slices"
	"strings"
	"time"
)

// NodeTransmissions returns the page of transmissions indexed to pubkey (originator or
// resolved hop), newest first, and the total.
func (s *Store) NodeTransmissions(pubkey string, offset, limit int) ([]Transmission, int) {
	return s.Transmissions(Filter{Nodes: []string{pubkey}}, offset, limit)
}

// ObserverStat aggregates one observer's receptions of a node's transmissions.
type ObserverStat struct {
	ObserverID      string
	Count           int
	AvgSNR, AvgRSSI *float64
}

// NodeHealth is the node health card's data (api.md §3.4 /health).
type NodeHealth struct {
	TotalTransmissions int
	TotalObservations  int
	// PacketsToday counts transmissions with an observation since UTC midnight.
	PacketsToday int
	AvgSNR       *float64
	// AvgHops is the mean best-observation path length, rounded.
	AvgHops int
	// LastHeard is the newest observation time ("" when none).
	LastHeard string
	// Observers are sorted by Count descending, then id.
	Observers []ObserverStat
}

type meanAcc struct {
	sum float64
	n   int
}

func (m *meanAcc) add(v float64) { m.sum, m.n = m.sum+v, m.n+1 }

func (m meanAcc) ptr() *float64 {
	if m.n == 0 {
		return nil
	}
	v := m.sum / float64(m.n)
	return &v
}

// NodeHealth aggregates every in-memory transmission indexed to pubkey. The read lock
// is taken per batch of transmissions.
func (s *Store) NodeHealth(pubkey string, now time.Time) NodeHealth {
	midnight := now.UTC().Truncate(24 * time.Hour).Unix()
	s.mu.RLock()
	ids := s.byNode[s.strs.lookup(strings.ToLower(pubkey))]
	s.mu.RUnlock()
	var h NodeHealth
	var snr meanAcc
	hops, last := meanAcc{}, int64(0)
	type perObs struct {
		n         int
		snr, rssi meanAcc
	}
	obs := map[uint32]*perObs{}
	for start := 0; start < len(ids); start += scanBatch {
		s.mu.RLock()
		for _, id := range ids[start:min(len(ids), start+scanBatch)] {
			pos, ok := s.txPos(id)
			if !ok {
				continue
			}
			t := &s.txs[pos]
			h.TotalTransmissions++
			today, best := false, -1
			for seq := t.obsHead; seq >= 0; seq = s.obs[seq-s.obsBase].next {
				o := &s.obs[seq-s.obsBase]
				h.TotalObservations++
				last = max(last, o.ts)
				today = today || o.ts >= midnight
				best = max(best, int(o.hops))
				p := obs[o.observer]
				if p == nil {
					p = &perObs{}
					obs[o.observer] = p
				}
				p.n++
				if o.flags&hasSNR != 0 {
					snr.add(s.snrOf(o))
					p.snr.add(s.snrOf(o))
				}
				if o.flags&hasRSSI != 0 {
					p.rssi.add(s.rssiOf(o))
				}
			}
			if today {
				h.PacketsToday++
			}
			if best >= 0 {
				hops.add(float64(best))
			}
		}
		s.mu.RUnlock()
	}
	h.AvgSNR = snr.ptr()
	if hops.n > 0 {
		h.AvgHops = int(hops.sum/float64(hops.n) + 0.5)
	}
	if last > 0 {
		h.LastHeard = formatTS(last)
	}
	s.mu.RLock()
	for id, p := range obs {
		if id == 0 {
			continue
		}
		h.Observers = append(h.Observers, ObserverStat{ObserverID: s.strs.str(id), Count: p.n, AvgSNR: p.snr.ptr(), AvgRSSI: p.rssi.ptr()})
	}
	s.mu.RUnlock()
	slices.SortFunc(h.Observers, func(a, b ObserverStat) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.ObserverID, b.ObserverID)
	})
	return h
}

// NodeLastHeard returns, for every pubkey in the node index, the newest observation
// time (unix seconds) over all of its transmissions. Every transmission is looked at:
// ids need not rise with time, so the highest id is not the newest one.
func (s *Store) NodeLastHeard() map[string]int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]int64, len(s.byNode))
	for id, l := range s.byNode {
		var last int64
		for _, txID := range l {
			pos, ok := s.txPos(txID)
			if !ok {
				continue
			}
			for seq := s.txs[pos].obsHead; seq >= 0; seq = s.obs[seq-s.obsBase].next {
				last = max(last, s.obs[seq-s.obsBase].ts)
			}
		}
		if len(l) > 0 {
			out[s.strs.str(id)] = last
		}
	}
	return out
}

// PathGroup is one distinct resolved relay path through a node (api.md §3.4 /paths).
type PathGroup struct {
	// Hops are the resolved keys per hop ("" = unresolved); Prefixes the raw hop hex
	// of the newest observation with this path.
	Hops     []string
	Prefixes string
	Count    int
	// LastSeen is the newest observation time with this path.
	LastSeen   string
	SampleHash string
	lastUnix   int64
}

// NodePaths groups the observations whose resolved path contains pubkey by resolved
// path, sorted by last seen then count (both descending), and returns the groups and
// the number of distinct transmissions involved.
func (s *Store) NodePaths(pubkey string) ([]PathGroup, int) {
	pk := strings.ToLower(pubkey)
	s.mu.RLock()
	key := s.strs.lookup(pk)
	ids := s.byNode[key]
	s.mu.RUnlock()
	if key == 0 {
		return []PathGroup{}, 0
	}
	groups := map[uint32]*PathGroup{}
	txs := 0
	for start := 0; start < len(ids); start += scanBatch {
		s.mu.RLock()
		for _, id := range ids[start:min(len(ids), start+scanBatch)] {
			pos, ok := s.txPos(id)
			if !ok {
				continue
			}
			t := &s.txs[pos]
			through := false
			for seq := t.obsHead; seq >= 0; seq = s.obs[seq-s.obsBase].next {
				o := &s.obs[seq-s.obsBase]
				if o.resolved == 0 || !slices.Contains(s.paths.get(o.resolved), key) {
					continue
				}
				through = true
				g := groups[o.resolved]
				if g == nil {
					hops := s.paths.get(o.resolved)
					g = &PathGroup{Hops: make([]string, len(hops))}
					for i, h := range hops {
						g.Hops[i] = s.strs.str(h)
					}
					groups[o.resolved] = g
				}
				g.Count++
				if o.ts >= g.lastUnix {
					g.lastUnix, g.SampleHash, g.Prefixes = o.ts, t.hash, s.pathStr(o)
				}
			}
			if through {
				txs++
			}
		}
		s.mu.RUnlock()
	}
	out := make([]PathGroup, 0, len(groups))
	for _, g := range groups {
		g.LastSeen = formatTS(g.lastUnix)
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b PathGroup) int {
		if a.lastUnix != b.lastUnix {
			return int(b.lastUnix - a.lastUnix)
		}
		return b.Count - a.Count
	})
	return out, txs
}

// SearchNodes returns up to limit nodes whose name contains q (case-insensitive) or
// whose public key starts with q, most recently seen first.
func (s *Store) SearchNodes(q string, limit int) []Node {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" || limit <= 0 {
		return []Node{}
	}
	var out []Node
	for _, n := range s.Nodes() {
		if strings.HasPrefix(strings.ToLower(n.PublicKey), q) || (n.Name != nil && strings.Contains(strings.ToLower(*n.Name), q)) {
			out = append(out, n)
		}
	}
	slices.SortStableFunc(out, func(a, b Node) int { return strings.Compare(str0(b.LastSeen), str0(a.LastSeen)) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

func str0(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
