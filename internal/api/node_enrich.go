package api

import (
	"github.com/corescope/corescope/internal/analytics"
	"sort"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

// relayStat is one node's relay activity (api.md §4.4, repeater/room enrichment).
type relayStat struct {
	count1h, count24h int
	last              string
}

// enrichment is the per-node data derived from packets, rebuilt at most every 30 s.
type enrichment struct {
	relays    map[string]*relayStat // pubkey → activity in the last 24 h
	hashSizes map[string][]int      // pubkey → path hash sizes of its adverts, the newest advert's first
}

// nodeEnrichment returns the relay and hash-size maps. They are rebuilt at most every
// 30 s in the background: a request never waits for a rebuild except the very first.
func (s *Server) nodeEnrichment() (*enrichment, error) {
	now := s.opts.Now().UTC()
	e, hit, err := s.enrichC.getOrFillStale("all", now, func() (*enrichment, error) { return s.buildEnrichment(now) })
	if hit {
		s.cacheHits.Add(1)
	} else {
		s.cacheMisses.Add(1)
	}
	return e, err
}

// relayKey is one node relaying one transmission.
type relayKey struct {
	pk string
	tx int64
}

// buildEnrichment derives relay activity from the last day's observations (resolved
// hops, timestamps parsed at load) and hash sizes from every advert's header.
func (s *Server) buildEnrichment(now time.Time) (*enrichment, error) {
	e := &enrichment{relays: map[string]*relayStat{}, hashSizes: map[string][]int{}}
	day, hour := now.Add(-24*time.Hour).Unix(), now.Add(-time.Hour).Unix()
	latest := map[relayKey]int64{} // newest relay time of pk within one transmission
	s.store.ScanObservations(day, func(p *store.ObsPoint) bool {
		for _, pk := range p.Resolved {
			if pk == "" {
				continue
			}
			k := relayKey{strings.ToLower(pk), p.TxID}
			latest[k] = max(latest[k], p.Unix)
		}
		return true
	})
	lastUnix := map[string]int64{}
	for k, ts := range latest {
		r := e.relays[k.pk]
		if r == nil {
			r = &relayStat{}
			e.relays[k.pk] = r
		}
		r.count24h++
		if ts >= hour {
			r.count1h++
		}
		lastUnix[k.pk] = max(lastUnix[k.pk], ts)
	}
	for pk, ts := range lastUnix {
		e.relays[pk].last = time.Unix(ts, 0).UTC().Format("2006-01-02T15:04:05.000Z")
	}
	adv := int(meshcore.PayloadAdvert)
	adverts, err := s.store.Summaries(TxFilter{PayloadType: &adv})
	if err != nil {
		return nil, err
	}
	// The newest advert (by first_seen, then id: ids need not rise with time) goes first.
	newest := map[string]*store.TxSummary{}
	for i := range adverts {
		t := &adverts[i]
		if t.FromPubkey == "" || t.RawHex == "" {
			continue
		}
		p, err := meshcore.DecodeHex(t.RawHex, meshcore.DecodeOptions{SkipSignatureCheck: true})
		if err != nil || p.Path.HashSize <= 0 || p.Path.TraceRoute {
			continue
		}
		sizes := append(e.hashSizes[t.FromPubkey], p.Path.HashSize)
		if n := newest[t.FromPubkey]; n == nil || t.FirstSeen > n.FirstSeen || (t.FirstSeen == n.FirstSeen && t.ID > n.ID) {
			newest[t.FromPubkey] = t
			last := len(sizes) - 1
			sizes[0], sizes[last] = sizes[last], sizes[0]
		}
		e.hashSizes[t.FromPubkey] = sizes
	}
	return e, nil
}

// enrich adds hash-size and (repeater/room) relay fields to a node row.
func (s *Server) enrich(j *NodeJSON, e *enrichment) {
	pk := strings.ToLower(j.PublicKey)
	if sizes := e.hashSizes[pk]; len(sizes) > 0 {
		newest := sizes[0]
		j.HashSize = &newest
		set := map[int]bool{}
		for _, v := range sizes {
			set[v] = true
		}
		if len(set) > 1 {
			j.HashSizeInconsistent = true
			j.HashSizesSeen = j.HashSizesSeen[:0]
			for v := range set {
				j.HashSizesSeen = append(j.HashSizesSeen, v)
			}
			sort.Ints(j.HashSizesSeen)
		}
	}
	role := strings.ToLower(deref(j.Role))
	if role != "repeater" && role != "room" {
		return
	}
	r := e.relays[pk]
	if r == nil {
		r = &relayStat{}
	}
	c1, c24 := r.count1h, r.count24h
	active := false
	if r.last != "" {
		j.LastRelayed = strp(r.last)
		if t, ok := analytics.ParseTime(r.last); ok {
			h := s.opts.UI.Health.RelayActiveHours
			if h <= 0 {
				h = 24
			}
			active = s.opts.Now().Sub(t) < time.Duration(h*float64(time.Hour))
		}
	}
	j.RelayActive, j.RelayCount1h, j.RelayCount24h = &active, &c1, &c24
}
