package api

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
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
	now := s.opts.Now().UTC()
	from := now.Add(-time.Duration(days) * 24 * time.Hour)
	bucket, format := 24*time.Hour, "Jan 02"
	switch {
	case days <= 1:
		bucket, format = time.Hour, "15:04"
	case days <= 7:
		bucket, format = 4*time.Hour, "Mon 15:04"
	}
	rows, _, err := s.store.Transmissions(TxFilter{Observers: []string{id}}, 0, -1)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	type slot struct {
		count int
		nodes map[string]bool
	}
	slots := map[int64]*slot{}
	types := map[string]int{}
	snr := map[int]int{}
	type recent struct {
		tx  *TxRow
		obs *ObsRow
	}
	var recents []recent
	for i := range rows {
		t := &rows[i]
		for j := range t.Observations {
			o := &t.Observations[j]
			if o.ObserverID == nil || *o.ObserverID != id {
				continue
			}
			ts, ok := parseObsTime(o.Timestamp)
			if !ok || ts.Before(from) {
				continue
			}
			recents = append(recents, recent{t, o})
			k := ts.Truncate(bucket).Unix()
			sl := slots[k]
			if sl == nil {
				sl = &slot{nodes: map[string]bool{}}
				slots[k] = sl
			}
			sl.count++
			if t.FromPubkey != nil {
				sl.nodes[*t.FromPubkey] = true
			}
			for _, hop := range parsePath(o.PathJSON) {
				sl.nodes[strings.ToLower(hop)] = true
			}
			if t.PayloadType != nil {
				types[strconv.Itoa(*t.PayloadType)]++
			}
			if o.SNR != nil {
				snr[int(math.Floor(*o.SNR/2))*2]++
			}
		}
	}
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
	sort.SliceStable(recents, func(i, j int) bool { return recents[i].obs.Timestamp > recents[j].obs.Timestamp })
	rp := []EnrichedObs{}
	for i := 0; i < len(recents) && i < 20; i++ {
		rp = append(rp, enrichedObs(recents[i].tx, recents[i].obs))
	}
	writeJSON(w, http.StatusOK, map[string]any{"timeline": timeline, "packetTypes": types, "nodesTimeline": nodesTL,
		"snrDistribution": dist, "recentPackets": rp})
}
