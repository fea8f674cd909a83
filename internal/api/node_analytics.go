package api

import (
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// computeNodeAnalytics summarises one node's packets over ?days= (1–365, default 7;
// api.md §3.4 #36). Peer interactions are derived from relaying (analytics_node_peers.go).
func (s *Server) computeNodeAnalytics(r *http.Request) (any, error) {
	n, err := s.findNode(r.PathValue("pubkey"))
	if err != nil {
		return nil, err
	}
	days := clampInt(r.URL.Query().Get("days"), 7, 1, 365)
	now := s.opts.Now().UTC()
	from := now.Add(-time.Duration(days) * 24 * time.Hour)
	bucket := time.Hour
	if days > 7 {
		bucket = 24 * time.Hour
	}
	type obsAcc struct {
		name        *string
		count       int
		snr, rssi   avg
		first, last string
	}
	timeline := map[int64]int{}
	types := map[int]int{}
	hops := map[string]int{}
	heat := map[[2]int]int{}
	byObs := map[string]*obsAcc{}
	snrTrend := []snrPoint{}
	var snrs []float64
	var times []time.Time
	relayed, total := 0, 0
	pk := strings.ToLower(n.PublicKey)
	nodes, err := s.store.Nodes()
	if err != nil {
		return nil, err
	}
	names := make(map[string]*string, len(nodes))
	hiddenKeys := map[string]bool{}
	for i := range nodes {
		k := strings.ToLower(nodes[i].PublicKey)
		names[k] = nodes[i].Name
		if s.hide.node(&nodes[i]) {
			hiddenKeys[k] = true
		}
	}
	peers := newPeerAcc(pk, func(k string) bool { return hiddenKeys[k] || s.hide.pubkey(k) })
	// The node's transmissions are streamed from the store in batches (never all copied
	// at once); Since (a second early: first_seen formats vary in their fraction) lets the
	// store skip older ones before copying, the parsed time decides.
	f := TxFilter{Nodes: []string{pk}, Since: from.Add(-time.Second).Format(time.RFC3339)}
	err = s.store.ScanTransmissions(f, untilDone(r.Context(), func(t *TxRow) bool {
		ft, ok := parseObsTime(t.FirstSeen)
		if !ok || ft.Before(from) {
			return true
		}
		total++
		peers.add(t)
		times = append(times, ft)
		timeline[ft.Truncate(bucket).Unix()]++
		heat[[2]int{int(ft.Weekday()), ft.Hour()}]++
		if t.PayloadType != nil {
			types[*t.PayloadType]++
		}
		if t.FromPubkey == nil || !strings.EqualFold(*t.FromPubkey, pk) {
			relayed++
		}
		if b := t.BestObservation(); b != nil {
			h := len(parsePath(b.PathJSON))
			key := strconv.Itoa(min(h, 4))
			if h >= 4 {
				key = "4+"
			}
			hops[key]++
		}
		for j := range t.Observations {
			o := &t.Observations[j]
			if o.SNR != nil {
				snrs = append(snrs, *o.SNR)
				snrTrend = append(snrTrend, snrPoint{o.Timestamp, o.SNR, o.RSSI, o.ObserverID, o.ObserverName})
			}
			if o.ObserverID == nil || s.hide.observer(*o.ObserverID) {
				continue
			}
			a := byObs[*o.ObserverID]
			if a == nil {
				a = &obsAcc{name: o.ObserverName, first: o.Timestamp, last: o.Timestamp}
				byObs[*o.ObserverID] = a
			}
			a.count++
			a.snr.add(o.SNR)
			a.rssi.add(o.RSSI)
			a.first, a.last = minStr(a.first, o.Timestamp), maxStr(a.last, o.Timestamp)
		}
		return true
	}))
	if err != nil {
		return nil, err
	}
	slices.SortFunc(snrTrend, func(a, b snrPoint) int { return strings.Compare(a.Timestamp, b.Timestamp) })
	snrTrend = evenSample(snrTrend, maxSNRTrend)
	keys := make([]int64, 0, len(timeline))
	for k := range timeline {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	tl := []map[string]any{}
	for _, k := range keys {
		tl = append(tl, map[string]any{"bucket": time.Unix(k, 0).UTC().Format(time.RFC3339), "count": timeline[k]})
	}
	tb := []map[string]int{}
	for t, c := range types {
		tb = append(tb, map[string]int{"payload_type": t, "count": c})
	}
	sort.Slice(tb, func(i, j int) bool {
		return tb[i]["count"] > tb[j]["count"] || tb[i]["count"] == tb[j]["count"] && tb[i]["payload_type"] < tb[j]["payload_type"]
	})
	cov := []map[string]any{}
	for id, a := range byObs {
		cov = append(cov, map[string]any{"observer_id": id, "observer_name": a.name, "packetCount": a.count, "avgSnr": a.snr.value(),
			"avgRssi": a.rssi.value(), "firstSeen": a.first, "lastSeen": a.last})
	}
	sort.Slice(cov, func(i, j int) bool { return cov[i]["packetCount"].(int) > cov[j]["packetCount"].(int) })
	hd := []map[string]any{}
	for _, k := range []string{"0", "1", "2", "3", "4+"} {
		hd = append(hd, map[string]any{"hops": k, "count": hops[k]})
	}
	hm := []map[string]int{}
	for k, c := range heat {
		hm = append(hm, map[string]int{"dayOfWeek": k[0], "hour": k[1], "count": c})
	}
	sort.Slice(hm, func(i, j int) bool { return hm[i]["dayOfWeek"]*24+hm[i]["hour"] < hm[j]["dayOfWeek"]*24+hm[j]["hour"] })
	peerList, uniquePeers := peers.result(names)
	return map[string]any{"node": nodeJSON(&n),
		"timeRange":        map[string]any{"from": from.Format(time.RFC3339), "to": now.Format(time.RFC3339), "days": days},
		"activityTimeline": tl, "snrTrend": snrTrend, "packetTypeBreakdown": tb, "observerCoverage": cov, "hopDistribution": hd,
		"peerInteractions": peerList, "uptimeHeatmap": hm,
		"computedStats": computedStats(times, snrs, from, now, days, total, relayed, len(byObs), uniquePeers, bucket)}, nil
}

// maxSNRTrend caps snrTrend: a busy repeater's window holds hundreds of thousands of
// observations (a 100 MB answer at the 1M benchmark), more than a chart can show. The
// signal statistics in computedStats still use every observation.
const maxSNRTrend = 2000

// evenSample keeps at most n elements of s, evenly spaced, first and order kept.
func evenSample[T any](s []T, n int) []T {
	if len(s) <= n {
		return s
	}
	out := make([]T, n)
	for i := range out {
		out[i] = s[i*len(s)/n]
	}
	return out
}

// snrPoint is one snrTrend entry (an observation with an SNR).
type snrPoint struct {
	Timestamp    string   `json:"timestamp"`
	SNR          *float64 `json:"snr"`
	RSSI         *float64 `json:"rssi"`
	ObserverID   *string  `json:"observer_id"`
	ObserverName *string  `json:"observer_name"`
}

// computedStats derives availability (share of buckets with traffic), the longest
// silence, and the signal summary.
func computedStats(times []time.Time, snrs []float64, from, now time.Time, days, total, relayed, observers, peers int, bucket time.Duration) map[string]any {
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	active := map[int64]bool{}
	for _, t := range times {
		active[t.Truncate(bucket).Unix()] = true
	}
	buckets := math.Ceil(now.Sub(from).Seconds() / bucket.Seconds())
	var longest time.Duration
	var longestStart *string
	prev := from
	for _, t := range append(times, now) {
		if gap := t.Sub(prev); gap > longest {
			longest = gap
			ts := prev.Format(time.RFC3339)
			longestStart = &ts
		}
		prev = t
	}
	st := describe(snrs)
	grade := "F"
	switch {
	case len(snrs) == 0:
		grade = "N/A"
	case st.Avg >= 5:
		grade = "A"
	case st.Avg >= 0:
		grade = "B"
	case st.Avg >= -5:
		grade = "C"
	case st.Avg >= -10:
		grade = "D"
	}
	relayPct := 0.0
	if total > 0 {
		relayPct = round1(100 * float64(relayed) / float64(total))
	}
	return map[string]any{"availabilityPct": round1(100 * float64(len(active)) / math.Max(1, buckets)),
		"longestSilenceMs": longest.Milliseconds(), "longestSilenceStart": longestStart, "signalGrade": grade,
		"snrMean": st.Avg, "snrStdDev": st.Stddev, "relayPct": relayPct, "totalPackets": total, "uniqueObservers": observers,
		"uniquePeers": peers, "avgPacketsPerDay": round1(float64(total) / float64(days))}
}

func minStr(a, b string) string {
	if b < a {
		return b
	}
	return a
}

func maxStr(a, b string) string {
	if b > a {
		return b
	}
	return a
}
