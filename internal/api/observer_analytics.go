package api

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/store"
)

// LabelCount is one time bucket.
type LabelCount struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

// parseObsTime reads an observation timestamp (ISO with optional fraction/Z).
func parseObsTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000Z", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// getObserverAnalytics buckets one observer's observations over days (api.md §3.7 #67).
func (s *Server) getObserverAnalytics(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	days := clampInt(r.URL.Query().Get("days"), 7, 1, 365)
	// Time-bucketed and costly for a busy observer: a short-lived answer is served while
	// one background pass refreshes it.
	s.cachedJSON(w, r, "observer-analytics|"+id+"|"+strconv.Itoa(days), true, func() (any, error) {
		return s.observerAnalytics(id, days), nil
	})
}

// observerAnalytics builds /api/observers/{id}/analytics over the last days.
func (s *Server) observerAnalytics(id string, days int) map[string]any {
	now := s.opts.Now().UTC()
	from := now.Add(-time.Duration(days) * 24 * time.Hour)
	bucket, format := 24*time.Hour, "Jan 02"
	switch {
	case days <= 1:
		bucket, format = time.Hour, "15:04"
	case days <= 7:
		bucket, format = 4*time.Hour, "Mon 15:04"
	}
	type slot struct {
		count int
		nodes map[string]bool
	}
	slots := map[int64]*slot{}
	types := map[string]int{}
	snr := map[int]int{}
	typeNames := map[int]string{}
	hopsOf := map[string][]string{} // path_json → lower-case hops, parsed once per request
	step := int64(bucket / time.Second)
	// One pass over the observer's own list: timestamps were parsed at load, and the
	// store takes its read lock per batch, never across the scan.
	s.store.ScanObserver(id, from.Unix(), func(p *store.ObsPoint) bool {
		k := p.Unix - p.Unix%step
		sl := slots[k]
		if sl == nil {
			sl = &slot{nodes: map[string]bool{}}
			slots[k] = sl
		}
		sl.count++
		if p.From != "" {
			sl.nodes[p.From] = true
		}
		if p.PathJSON != "" {
			hops, ok := hopsOf[p.PathJSON]
			if !ok {
				hops = parsePath(&p.PathJSON)
				for i := range hops {
					hops[i] = strings.ToLower(hops[i])
				}
				hopsOf[p.PathJSON] = hops
			}
			for _, h := range hops {
				sl.nodes[h] = true
			}
		}
		if p.PayloadType >= 0 {
			name, ok := typeNames[p.PayloadType]
			if !ok {
				name = strconv.Itoa(p.PayloadType)
				typeNames[p.PayloadType] = name
			}
			types[name]++
		}
		if p.HasSNR {
			snr[int(math.Floor(p.SNR/2))*2]++
		}
		return true
	})
	keys := make([]int64, 0, len(slots))
	for k := range slots {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	timeline, nodesTL := []LabelCount{}, []LabelCount{}
	for _, k := range keys {
		label := time.Unix(k, 0).UTC().Format(format)
		timeline = append(timeline, LabelCount{label, slots[k].count})
		nodesTL = append(nodesTL, LabelCount{label, len(slots[k].nodes)})
	}
	lows := make([]int, 0, len(snr))
	for k := range snr {
		lows = append(lows, k)
	}
	sort.Ints(lows)
	dist := []map[string]any{}
	for _, lo := range lows {
		dist = append(dist, map[string]any{"range": fmt.Sprintf("%d to %d", lo, lo+2), "count": snr[lo]})
	}
	rp := s.recentPackets(id, from, 20)
	return map[string]any{"timeline": timeline, "packetTypes": types, "nodesTimeline": nodesTL,
		"snrDistribution": dist, "recentPackets": rp}
}

// recentPackets returns an observer's newest n observations at or after from, newest
// first, joined with their transmissions.
func (s *Server) recentPackets(id string, from time.Time, n int) []EnrichedObs {
	recent := s.store.RecentObservations(id, 4*n)
	sort.SliceStable(recent, func(i, j int) bool { return recent[i].Timestamp > recent[j].Timestamp })
	out := []EnrichedObs{}
	cut := from.UTC().Format("2006-01-02T15:04:05")
	for i := 0; i < len(recent) && len(out) < n; i++ {
		e := &recent[i]
		if e.Timestamp < cut {
			break
		}
		t := TxRow{ID: e.TxID, RawHex: e.TxRawHex, Hash: e.Hash, PayloadType: e.PayloadType, RouteType: e.RouteType, DecodedJSON: e.DecodedJSON}
		o := ObsRow(e.Observation)
		out = append(out, enrichedObs(&t, &o))
	}
	return out
}
