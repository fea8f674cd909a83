package analytics

import (
	"math"
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// ClockSource adds what the clock model reads: which stored nodes the operator hides
// by any rule (blacklist or name prefix, lower-case pubkeys) and the observers' names.
type ClockSource interface {
	Source
	HiddenNodes() (map[string]bool, error)
	ObserverNames() map[string]string
}

// ClockModel is one clock-skew computation over the whole store: observer receive
// offsets and each visible node's advert clock skew.
type ClockModel struct {
	observers map[string]*ObserverOffset
	nodes     map[string]*NodeClockSkew
	rows      map[string]*store.Node
}

// calibratedMin is how many multi-observer packets make an observer's offset trusted.
const calibratedMin = 3

type obsTime struct {
	observer string
	unix     int64
}

type advertObs struct {
	hash, pubkey string
	ts           int64
	obs          []obsTime
}

// BuildClockModel estimates observer offsets from packets heard by several observers,
// then each node's skew from its adverts' timestamps against corrected receive times.
// It reads every transmission, oldest id first.
func BuildClockModel(src ClockSource) (*ClockModel, error) {
	diffs := map[string][]float64{}
	var adverts []advertObs
	src.Scan(Window{Ascending: true}, func(t *store.Transmission) bool {
		var obs []obsTime
		for _, o := range t.Observations {
			if o.ObserverID == nil {
				continue
			}
			if ts, ok := ParseTime(o.Timestamp); ok {
				obs = append(obs, obsTime{*o.ObserverID, ts.Unix()})
			}
		}
		if len(obs) >= 2 {
			times := make([]float64, len(obs))
			for i, o := range obs {
				times[i] = float64(o.unix)
			}
			m := median(times)
			for _, o := range obs {
				diffs[o.observer] = append(diffs[o.observer], float64(o.unix)-m)
			}
		}
		if t.PayloadType != nil && *t.PayloadType == 4 && len(obs) > 0 {
			if pk, ts, ok := advertTimestamp(t.DecodedJSON); ok {
				adverts = append(adverts, advertObs{hash: t.Hash, pubkey: pk, ts: ts, obs: obs})
			}
		}
		return true
	})
	m := &ClockModel{observers: map[string]*ObserverOffset{}, nodes: map[string]*NodeClockSkew{}, rows: map[string]*store.Node{}}
	for id, d := range diffs {
		m.observers[id] = &ObserverOffset{ObserverID: id, OffsetSec: Round2(median(d)), Samples: len(d)}
	}
	nodes, err := src.Nodes()
	if err != nil {
		return nil, err
	}
	hidden, err := src.HiddenNodes()
	if err != nil {
		return nil, err
	}
	for i := range nodes {
		m.rows[strings.ToLower(nodes[i].PublicKey)] = &nodes[i]
	}
	names := src.ObserverNames()
	per := map[string][]advertObs{}
	for _, a := range adverts {
		if !hidden[a.pubkey] && !src.HiddenNode(a.pubkey) {
			per[a.pubkey] = append(per[a.pubkey], a)
		}
	}
	for pk, list := range per {
		m.nodes[pk] = m.nodeSkew(pk, list, names)
	}
	return m, nil
}

// observerOffset is an observer's clock offset and whether it has enough samples to be
// trusted (otherwise 0, false).
func (m *ClockModel) observerOffset(id string) (float64, bool) {
	if oo := m.observers[id]; oo != nil && oo.Samples >= calibratedMin {
		return oo.OffsetSec, true
	}
	return 0, false
}

// nodeSkew folds one node's adverts into its NodeClockSkew.
func (m *ClockModel) nodeSkew(pk string, list []advertObs, names map[string]string) *NodeClockSkew {
	n := &NodeClockSkew{Pubkey: pk, Samples: []skewPoint{}, RecentBadSamples: []badSample{}, RecentHashEvidence: []hashEvidence{},
		CalibrationSummary: &calibrationStat{}, Calibrated: true}
	var all []float64
	type advSkew struct {
		i  int // index in list
		ts int64
		sk float64
	}
	skews := make([]advSkew, 0, len(list))
	for i, a := range list {
		var corr, recv []float64
		for _, o := range a.obs {
			off, cal := m.observerOffset(o.observer)
			c := float64(a.ts-o.unix) + off
			corr, recv = append(corr, c), append(recv, float64(o.unix)-off)
			n.CalibrationSummary.TotalSamples++
			if cal {
				n.CalibrationSummary.CalibratedSamples++
			} else {
				n.CalibrationSummary.UncalibratedSamples++
				n.Calibrated = false
			}
			n.LastObservedTS = max(n.LastObservedTS, o.unix)
		}
		sk := Round2(median(corr))
		ts := int64(median(recv))
		n.Samples = append(n.Samples, skewPoint{TS: ts, Skew: sk})
		skews = append(skews, advSkew{i, ts, sk})
		n.LastAdvertTS = max(n.LastAdvertTS, a.ts)
		all = append(all, sk)
	}
	sort.SliceStable(n.Samples, func(i, j int) bool { return n.Samples[i].TS < n.Samples[j].TS })
	// Per-observer evidence only for the newest adverts the answer shows, so the model
	// stays proportional to nodes, not to every advert observation.
	sort.SliceStable(skews, func(i, j int) bool { return skews[i].ts > skews[j].ts })
	for _, x := range skews[:min(len(skews), recentSamples)] {
		a := list[x.i]
		ev := hashEvidence{Hash: a.hash, Observers: []obsEvidence{}, MedianCorrectedSkewSec: x.sk, Timestamp: x.ts}
		for _, o := range a.obs {
			off, cal := m.observerOffset(o.observer)
			raw := float64(a.ts - o.unix)
			ev.Observers = append(ev.Observers, obsEvidence{ObserverID: o.observer, ObserverName: names[o.observer], RawSkewSec: raw,
				CorrectedSkewSec: Round2(raw + off), ObserverOffsetSec: off, Calibrated: cal})
		}
		n.RecentHashEvidence = append(n.RecentHashEvidence, ev)
	}
	n.SampleCount = len(n.Samples)
	sum, good := 0.0, 0
	for _, v := range all {
		sum += v
		if math.Abs(v) < skewWarn {
			good++
		}
	}
	n.MeanSkewSec = Round2(sum / float64(len(all)))
	n.MedianSkewSec = Round2(median(all))
	n.LastSkewSec = n.Samples[len(n.Samples)-1].Skew
	n.GoodFraction = Round2(float64(good) / float64(len(all)))
	recent := n.Samples[max(0, len(n.Samples)-recentSamples):]
	var rv []float64
	ok, far := 0, 0
	for _, p := range recent {
		rv = append(rv, p.Skew)
		switch a := math.Abs(p.Skew); {
		case a < skewWarn:
			ok++
		case a >= skewAbsurd:
			far++
		}
		if math.Abs(p.Skew) >= skewWarn {
			n.RecentBadSampleCount++
		}
	}
	for _, ev := range n.RecentHashEvidence {
		if math.Abs(ev.MedianCorrectedSkewSec) >= skewWarn {
			n.RecentBadSamples = append(n.RecentBadSamples, badSample{Hash: ev.Hash, AdvertTS: ev.Timestamp + int64(ev.MedianCorrectedSkewSec), SkewSec: ev.MedianCorrectedSkewSec})
		}
	}
	n.RecentSampleCount = len(recent)
	n.RecentMedianSkewSec = Round2(median(rv))
	n.DriftPerDaySec = slopePerDay(n.Samples)
	n.Severity = SkewSeverity(n.RecentMedianSkewSec)
	// A clock that flips between right and far off (e.g. resets to epoch on reboot).
	if len(recent) >= 4 && ok*5 >= len(recent) && far*5 >= len(recent) {
		n.Severity = "bimodal_clock"
	}
	if row := m.rows[pk]; row != nil {
		n.NodeName, n.NodeRole = row.Name, row.Role
	}
	return n
}
