package analytics

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/store"
)

// ObserverSource reads one observer's own observations.
type ObserverSource interface {
	// ScanObserver calls fn for every observation of observer id at or after sinceUnix,
	// oldest first, until fn returns false; fn must not keep p.
	ScanObserver(id string, sinceUnix int64, fn func(p *store.ObsPoint) bool)
}

// LabelCount is one time bucket.
type LabelCount struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

// ObserverAnalytics buckets one observer's observations (api.md §3.7 #67).
// RecentPackets is the API's own list, set by the caller. JSON keys are in the order
// the endpoint has always written them (alphabetical).
type ObserverAnalytics struct {
	NodesTimeline   []LabelCount   `json:"nodesTimeline"`
	PacketTypes     map[string]int `json:"packetTypes"`
	RecentPackets   any            `json:"recentPackets"`
	SNRDistribution []RangeCount   `json:"snrDistribution"`
	Timeline        []LabelCount   `json:"timeline"`
}

// RangeCount counts observations in one 2 dB SNR band ("lo to hi").
type RangeCount struct {
	Count int    `json:"count"`
	Range string `json:"range"`
}

// ObserverAnalyticsFrom is the start of an observer analytics window of days ending now.
func ObserverAnalyticsFrom(now time.Time, days int) time.Time {
	return now.UTC().Add(-time.Duration(days) * 24 * time.Hour)
}

// ComputeObserverAnalytics buckets observer id's observations over the last days
// (hourly up to 1 day, 4-hourly up to 7, daily beyond): packets and distinct nodes
// (originators and hops) per bucket, payload types and the SNR distribution.
func ComputeObserverAnalytics(src ObserverSource, id string, days int, now time.Time) ObserverAnalytics {
	from := ObserverAnalyticsFrom(now, days)
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
	out := ObserverAnalytics{PacketTypes: map[string]int{}, Timeline: []LabelCount{}, NodesTimeline: []LabelCount{}, SNRDistribution: []RangeCount{}}
	snr := map[int]int{}
	typeNames := map[int]string{}
	hopsOf := map[string][]string{} // path_json → lower-case hops, parsed once per pass
	step := int64(bucket / time.Second)
	// One pass over the observer's own list: timestamps were parsed at load, and the
	// store takes its read lock per batch, never across the scan.
	src.ScanObserver(id, from.Unix(), func(p *store.ObsPoint) bool {
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
			path, ok := hopsOf[p.PathJSON]
			if !ok {
				path = hops.ParsePath(p.PathJSON)
				for i := range path {
					path[i] = strings.ToLower(path[i])
				}
				hopsOf[p.PathJSON] = path
			}
			for _, h := range path {
				sl.nodes[h] = true
			}
		}
		if p.PayloadType >= 0 {
			name, ok := typeNames[p.PayloadType]
			if !ok {
				name = strconv.Itoa(p.PayloadType)
				typeNames[p.PayloadType] = name
			}
			out.PacketTypes[name]++
		}
		if p.HasSNR {
			snr[int(math.Floor(p.SNR/2))*2]++
		}
		return true
	})
	for _, k := range sortedKeys(slots) {
		label := time.Unix(k, 0).UTC().Format(format)
		out.Timeline = append(out.Timeline, LabelCount{label, slots[k].count})
		out.NodesTimeline = append(out.NodesTimeline, LabelCount{label, len(slots[k].nodes)})
	}
	for _, lo := range sortedKeys(snr) {
		out.SNRDistribution = append(out.SNRDistribution, RangeCount{Range: fmt.Sprintf("%d to %d", lo, lo+2), Count: snr[lo]})
	}
	return out
}
