package api

import (
	"sort"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
)

// relayStat is one node's relay activity (api.md §4.4, repeater/room enrichment).
type relayStat struct {
	count1h, count24h int
	last              string
}

// enrichment is the per-node data derived from packets, rebuilt at most every 30 s.
type enrichment struct {
	relays    map[string]*relayStat // pubkey → activity in the last 24 h
	hashSizes map[string][]int      // pubkey → path hash sizes of its adverts, newest first
}

// nodeEnrichment scans the last day's transmissions for relays and every advert for hash sizes.
func (s *Server) nodeEnrichment() (*enrichment, error) {
	now := s.opts.Now().UTC()
	e, hit, err := s.enrichC.getOrFill("all", now, func() (*enrichment, error) { return s.buildEnrichment(now) })
	if hit {
		s.cacheHits.Add(1)
	} else {
		s.cacheMisses.Add(1)
	}
	return e, err
}

// buildEnrichment computes the enrichment maps; concurrent callers share one build.
func (s *Server) buildEnrichment(now time.Time) (*enrichment, error) {
	e := &enrichment{relays: map[string]*relayStat{}, hashSizes: map[string][]int{}}
	day := now.Add(-24 * time.Hour).Format("2006-01-02T15:04:05")
	hour := now.Add(-time.Hour).Format("2006-01-02T15:04:05")
	rows, _, err := s.store.Transmissions(TxFilter{Since: now.Add(-26 * time.Hour).Format("2006-01-02T15:04:05")}, 0, -1)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		seen := map[string]string{} // pubkey → latest relay time within this transmission
		for _, o := range rows[i].Observations {
			if o.Timestamp < day {
				continue
			}
			for _, hop := range o.ResolvedPath {
				if hop != nil && o.Timestamp > seen[strings.ToLower(*hop)] {
					seen[strings.ToLower(*hop)] = o.Timestamp
				}
			}
		}
		for pk, ts := range seen {
			r := e.relays[pk]
			if r == nil {
				r = &relayStat{}
				e.relays[pk] = r
			}
			r.count24h++
			if ts >= hour {
				r.count1h++
			}
			if ts > r.last {
				r.last = ts
			}
		}
	}
	adv := int(meshcore.PayloadAdvert)
	adverts, _, err := s.store.Transmissions(TxFilter{PayloadType: &adv}, 0, -1)
	if err != nil {
		return nil, err
	}
	for i := range adverts {
		t := &adverts[i]
		if t.FromPubkey == nil || t.RawHex == "" {
			continue
		}
		p, err := meshcore.DecodeHex(t.RawHex, meshcore.DecodeOptions{SkipSignatureCheck: true})
		if err != nil || p.Path.HashSize <= 0 || p.Path.TraceRoute {
			continue
		}
		pk := strings.ToLower(*t.FromPubkey)
		e.hashSizes[pk] = append(e.hashSizes[pk], p.Path.HashSize)
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
		if t, ok := parseObsTime(r.last); ok {
			h := s.opts.UI.Health.RelayActiveHours
			if h <= 0 {
				h = 24
			}
			active = s.opts.Now().Sub(t) < time.Duration(h*float64(time.Hour))
		}
	}
	j.RelayActive, j.RelayCount1h, j.RelayCount24h = &active, &c1, &c24
}
