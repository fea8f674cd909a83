package analytics

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/store"
)

// NodeSource adds what the per-node views read about every stored node, hidden ones
// too: which ones the operator hides by any rule, every node's name (lower-case
// pubkeys), and the rows themselves.
type NodeSource interface {
	Source
	HiddenNodes() (map[string]bool, error)
	NodeNames() (map[string]*string, error)
	AllNodes() ([]store.Node, error)
}

// NodeAnalyticsQuery selects one node's analytics: its pubkey, the lookback in days
// (1–365) and the clock.
type NodeAnalyticsQuery struct {
	Pubkey string
	Days   int
	Now    time.Time
}

// NodeAnalytics summarises one node's packets (api.md §3.4 #36). Node is the API's own
// row of the node and ClockSkew its clock-skew record (null without one), both set by
// the caller. JSON keys are in the order the endpoint has
// always written them (alphabetical).
type NodeAnalytics struct {
	ActivityTimeline    []TimeBucket       `json:"activityTimeline"`
	ClockSkew           any                `json:"clockSkew"`
	ComputedStats       NodeComputedStats  `json:"computedStats"`
	HopDistribution     []HopBucket        `json:"hopDistribution"`
	Node                any                `json:"node"`
	ObserverCoverage    []ObserverCoverage `json:"observerCoverage"`
	PacketTypeBreakdown []PayloadCount     `json:"packetTypeBreakdown"`
	PeerInteractions    []PeerInteraction  `json:"peerInteractions"`
	SNRTrend            []SNRPoint         `json:"snrTrend"`
	TimeRange           TimeRange          `json:"timeRange"`
	UptimeHeatmap       []HeatCell         `json:"uptimeHeatmap"`
}

// TimeBucket counts transmissions in one bucket (RFC 3339 start).
type TimeBucket struct {
	Bucket string `json:"bucket"`
	Count  int    `json:"count"`
}

// NodeComputedStats are availability, the longest silence and the signal summary.
type NodeComputedStats struct {
	AvailabilityPct     float64 `json:"availabilityPct"`
	AvgPacketsPerDay    float64 `json:"avgPacketsPerDay"`
	LongestSilenceMs    int64   `json:"longestSilenceMs"`
	LongestSilenceStart *string `json:"longestSilenceStart"`
	RelayPct            float64 `json:"relayPct"`
	SignalGrade         string  `json:"signalGrade"`
	SNRMean             float64 `json:"snrMean"`
	SNRStdDev           float64 `json:"snrStdDev"`
	TotalPackets        int     `json:"totalPackets"`
	UniqueObservers     int     `json:"uniqueObservers"`
	UniquePeers         int     `json:"uniquePeers"`
}

// HopBucket counts best paths of one length ("0".."3", "4+").
type HopBucket struct {
	Count int    `json:"count"`
	Hops  string `json:"hops"`
}

// ObserverCoverage is one observer's view of the node.
type ObserverCoverage struct {
	AvgRSSI      *float64 `json:"avgRssi"`
	AvgSNR       *float64 `json:"avgSnr"`
	FirstSeen    string   `json:"firstSeen"`
	LastSeen     string   `json:"lastSeen"`
	ObserverID   string   `json:"observer_id"`
	ObserverName *string  `json:"observer_name"`
	PacketCount  int      `json:"packetCount"`
}

// PayloadCount counts one payload type.
type PayloadCount struct {
	Count       int `json:"count"`
	PayloadType int `json:"payload_type"`
}

// SNRPoint is one snrTrend entry (an observation with an SNR).
type SNRPoint struct {
	Timestamp    string   `json:"timestamp"`
	SNR          *float64 `json:"snr"`
	RSSI         *float64 `json:"rssi"`
	ObserverID   *string  `json:"observer_id"`
	ObserverName *string  `json:"observer_name"`
}

// TimeRange is the window the view covers.
type TimeRange struct {
	Days int    `json:"days"`
	From string `json:"from"`
	To   string `json:"to"`
}

// HeatCell counts transmissions in one (weekday, hour) cell.
type HeatCell struct {
	Count     int `json:"count"`
	DayOfWeek int `json:"dayOfWeek"`
	Hour      int `json:"hour"`
}

// maxSNRTrend caps snrTrend: a busy repeater's window holds hundreds of thousands of
// observations (a 100 MB answer at the 1M benchmark), more than a chart can show. The
// signal statistics in computedStats still use every observation.
const maxSNRTrend = 2000

// ComputeNodeAnalytics summarises one node's transmissions over the last q.Days days;
// peer interactions are derived from relaying (node_peers.go).
func ComputeNodeAnalytics(src NodeSource, q NodeAnalyticsQuery) (NodeAnalytics, error) {
	now := q.Now.UTC()
	from := now.Add(-time.Duration(q.Days) * 24 * time.Hour)
	bucket := time.Hour
	if q.Days > 7 {
		bucket = 24 * time.Hour
	}
	type obsAcc struct {
		name        *string
		count       int
		snr, rssi   Mean
		first, last string
	}
	timeline := map[int64]int{}
	types := map[int]int{}
	hops := map[string]int{}
	heat := map[[2]int]int{}
	byObs := map[string]*obsAcc{}
	snrTrend := []SNRPoint{}
	var snrs []float64
	var times []time.Time
	relayed, total := 0, 0
	pk := strings.ToLower(q.Pubkey)
	names, err := src.NodeNames()
	if err != nil {
		return NodeAnalytics{}, err
	}
	hiddenKeys, err := src.HiddenNodes()
	if err != nil {
		return NodeAnalytics{}, err
	}
	peers := newPeerAcc(pk, func(k string) bool { return hiddenKeys[k] || src.HiddenNode(k) })
	// Since (a second early: first_seen formats vary in their fraction) lets the store
	// skip older transmissions before copying; the parsed time decides.
	w := Window{Nodes: []string{pk}, Since: from.Add(-time.Second).Format(time.RFC3339)}
	src.Scan(w, func(t *store.Transmission) bool {
		ft, ok := ParseTime(t.FirstSeen)
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
			h := len(parsedPath(b.PathJSON))
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
				snrTrend = append(snrTrend, SNRPoint{o.Timestamp, o.SNR, o.RSSI, o.ObserverID, o.ObserverName})
			}
			if o.ObserverID == nil || src.HiddenObserver(*o.ObserverID) {
				continue
			}
			a := byObs[*o.ObserverID]
			if a == nil {
				a = &obsAcc{name: o.ObserverName, first: o.Timestamp, last: o.Timestamp}
				byObs[*o.ObserverID] = a
			}
			a.count++
			a.snr.Add(o.SNR)
			a.rssi.Add(o.RSSI)
			a.first, a.last = min(a.first, o.Timestamp), max(a.last, o.Timestamp)
		}
		return true
	})
	slices.SortFunc(snrTrend, func(a, b SNRPoint) int { return strings.Compare(a.Timestamp, b.Timestamp) })
	out := NodeAnalytics{SNRTrend: evenSample(snrTrend, maxSNRTrend), ActivityTimeline: []TimeBucket{}, PacketTypeBreakdown: []PayloadCount{},
		ObserverCoverage: []ObserverCoverage{}, HopDistribution: []HopBucket{}, UptimeHeatmap: []HeatCell{},
		TimeRange: TimeRange{From: from.Format(time.RFC3339), To: now.Format(time.RFC3339), Days: q.Days}}
	for _, k := range sortedKeys(timeline) {
		out.ActivityTimeline = append(out.ActivityTimeline, TimeBucket{Bucket: time.Unix(k, 0).UTC().Format(time.RFC3339), Count: timeline[k]})
	}
	for t, c := range types {
		out.PacketTypeBreakdown = append(out.PacketTypeBreakdown, PayloadCount{PayloadType: t, Count: c})
	}
	tb := out.PacketTypeBreakdown
	sort.Slice(tb, func(i, j int) bool {
		return tb[i].Count > tb[j].Count || tb[i].Count == tb[j].Count && tb[i].PayloadType < tb[j].PayloadType
	})
	for id, a := range byObs {
		out.ObserverCoverage = append(out.ObserverCoverage, ObserverCoverage{ObserverID: id, ObserverName: a.name, PacketCount: a.count,
			AvgSNR: a.snr.Value(), AvgRSSI: a.rssi.Value(), FirstSeen: a.first, LastSeen: a.last})
	}
	cov := out.ObserverCoverage
	sort.Slice(cov, func(i, j int) bool { return cov[i].PacketCount > cov[j].PacketCount })
	for _, k := range []string{"0", "1", "2", "3", "4+"} {
		out.HopDistribution = append(out.HopDistribution, HopBucket{Hops: k, Count: hops[k]})
	}
	for k, c := range heat {
		out.UptimeHeatmap = append(out.UptimeHeatmap, HeatCell{DayOfWeek: k[0], Hour: k[1], Count: c})
	}
	hm := out.UptimeHeatmap
	sort.Slice(hm, func(i, j int) bool { return hm[i].DayOfWeek*24+hm[i].Hour < hm[j].DayOfWeek*24+hm[j].Hour })
	var uniquePeers int
	out.PeerInteractions, uniquePeers = peers.result(names)
	out.ComputedStats = computedStats(times, snrs, from, now, q.Days, total, relayed, len(byObs), uniquePeers, bucket)
	return out, nil
}

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

// computedStats derives availability (share of buckets with traffic), the longest
// silence, and the signal summary.
func computedStats(times []time.Time, snrs []float64, from, now time.Time, days, total, relayed, observers, peers int, bucket time.Duration) NodeComputedStats {
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	active := map[int64]bool{}
	for _, t := range times {
		active[t.Truncate(bucket).Unix()] = true
	}
	buckets := math.Ceil(now.Sub(from).Seconds() / bucket.Seconds())
	longest, longestStart := longestSilence(active)
	st := Describe(snrs)
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
	return NodeComputedStats{AvailabilityPct: round1(100 * float64(len(active)) / math.Max(1, buckets)),
		LongestSilenceMs: longest.Milliseconds(), LongestSilenceStart: longestStart, SignalGrade: grade,
		SNRMean: st.Avg, SNRStdDev: st.Stddev, RelayPct: relayPct, TotalPackets: total, UniqueObservers: observers,
		UniquePeers: peers, AvgPacketsPerDay: round1(float64(total) / float64(days))}
}

// longestSilence is the longest gap between two consecutive active buckets (start to
// start) and the start of the earlier one: silence before the first or after the last
// active bucket is not counted, as in the existing system (parity.md §3).
func longestSilence(active map[int64]bool) (time.Duration, *string) {
	starts := make([]int64, 0, len(active))
	for k := range active {
		starts = append(starts, k)
	}
	slices.Sort(starts)
	var longest time.Duration
	var start *string
	for i := 1; i < len(starts); i++ {
		if gap := time.Duration(starts[i]-starts[i-1]) * time.Second; gap > longest {
			longest = gap
			ts := store.FormatTime(time.Unix(starts[i-1], 0))
			start = &ts
		}
	}
	return longest, start
}
