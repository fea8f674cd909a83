package analytics

import (
	"sort"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

// EnrichmentSource is what the per-node enrichment reads: every observation since a
// time (resolved hops, timestamps parsed at load) and a summary of every advert.
type EnrichmentSource interface {
	ScanObservations(sinceUnix int64, fn func(p *store.ObsPoint) bool)
	AdvertSummaries() ([]store.TxSummary, error)
}

// RelayStat is one node's relay activity (api.md §4.4, repeater/room enrichment).
type RelayStat struct {
	Count1h, Count24h int
	// Last is the newest relay time ("" = none).
	Last string
}

// Enrichment is the per-node data derived from packets.
type Enrichment struct {
	// Relays maps a lower-case pubkey to its relay activity in the last 24 h.
	Relays map[string]*RelayStat
	// HashSizes maps a pubkey to the path hash sizes of its adverts, the newest first.
	HashSizes map[string][]int
}

// relayKey is one node relaying one transmission.
type relayKey struct {
	pk string
	tx int64
}

// BuildEnrichment derives relay activity from the last day's observations before now
// and hash sizes from every advert's header.
func BuildEnrichment(src EnrichmentSource, now time.Time) (*Enrichment, error) {
	e := &Enrichment{Relays: map[string]*RelayStat{}, HashSizes: map[string][]int{}}
	day, hour := now.Add(-24*time.Hour).Unix(), now.Add(-time.Hour).Unix()
	latest := map[relayKey]int64{} // newest relay time of pk within one transmission
	src.ScanObservations(day, func(p *store.ObsPoint) bool {
		// A relay count is of non-ADVERT transmissions carrying the node as a hop, as
		// the existing system counts (parity.md §2): flooded adverts are re-broadcast
		// by every repeater and would swamp the traffic a node actually carries.
		if p.PayloadType == int(meshcore.PayloadAdvert) {
			return true
		}
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
		r := e.Relays[k.pk]
		if r == nil {
			r = &RelayStat{}
			e.Relays[k.pk] = r
		}
		r.Count24h++
		if ts >= hour {
			r.Count1h++
		}
		lastUnix[k.pk] = max(lastUnix[k.pk], ts)
	}
	for pk, ts := range lastUnix {
		e.Relays[pk].Last = store.FormatTime(time.Unix(ts, 0))
	}
	adverts, err := src.AdvertSummaries()
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
		sizes := append(e.HashSizes[t.FromPubkey], p.Path.HashSize)
		if n := newest[t.FromPubkey]; n == nil || t.FirstSeen > n.FirstSeen || (t.FirstSeen == n.FirstSeen && t.ID > n.ID) {
			newest[t.FromPubkey] = t
			last := len(sizes) - 1
			sizes[0], sizes[last] = sizes[last], sizes[0]
		}
		e.HashSizes[t.FromPubkey] = sizes
	}
	return e, nil
}

// HashSizeInfo is a node's newest advert hash size and, when its adverts disagree,
// every size seen (sorted).
func HashSizeInfo(sizes []int) (newest *int, inconsistent bool, seen []int) {
	if len(sizes) == 0 {
		return nil, false, nil
	}
	n := sizes[0]
	set := map[int]bool{}
	for _, v := range sizes {
		set[v] = true
	}
	if len(set) > 1 {
		for v := range set {
			seen = append(seen, v)
		}
		sort.Ints(seen)
	}
	return &n, len(set) > 1, seen
}

// RelayActive reports whether a relay time (RFC 3339, "" = never) is within hours of now.
func RelayActive(last string, hours float64, now time.Time) bool {
	t, ok := ParseTime(last)
	return last != "" && ok && now.Sub(t) < time.Duration(hours*float64(time.Hour))
}
