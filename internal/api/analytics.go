package api

import (
	"iter"
	"net/http"
	"sort"

	"github.com/corescope/corescope/internal/meshcore"
)

// analyticsRows returns the transmissions an analytics view covers (region and time
// window filtered) as a sequence streamed from the store in bounded batches: only the
// caller's accumulators stay in memory, and the store's lock is held per batch, never
// across the pass. A *TxRow is valid only inside its loop iteration; ranging twice
// scans the store twice.
func (s *Server) analyticsRows(r *http.Request, f TxFilter) (iter.Seq[*TxRow], error) {
	f.Since, f.Until = parseTimeWindow(r.URL.Query(), s.opts.Now())
	codes, err := parseRegion(r.URL.Query())
	if err != nil {
		return nil, err
	}
	if len(codes) > 0 {
		ids, err := s.regionObservers(codes)
		if err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			return func(func(*TxRow) bool) {}, nil
		}
		f.Observers = ids
	}
	return func(yield func(*TxRow) bool) {
		if err := s.store.ScanTransmissions(f, untilDone(r.Context(), yield)); err != nil {
			s.log.Error("scan analytics rows", "err", err)
		}
	}, nil
}

func hourOf(ts string) string {
	if len(ts) >= 13 {
		return ts[:13]
	}
	return ts
}

func payloadName(p *int) string {
	if p == nil {
		return "UNKNOWN"
	}
	return meshcore.PayloadType(*p).String()
}

// computeAnalyticsRF summarises signal and size over every observation (api.md §3.5 #50).
func (s *Server) computeAnalyticsRF(r *http.Request) (any, error) {
	rows, err := s.analyticsRows(r, TxFilter{})
	if err != nil {
		return nil, err
	}
	var snr, rssi, sizes []float64
	allObs := 0
	perHour := map[string]int{}
	sigHour := map[string]*avg{}
	byType := map[string]*typeAcc{}
	scatter := []map[string]float64{}
	first, last := "", ""
	for t := range rows {
		sizes = append(sizes, float64(len(t.RawHex)/2))
		name := payloadName(t.PayloadType)
		ta := byType[name]
		if ta == nil {
			ta = &typeAcc{typ: t.PayloadType}
			byType[name] = ta
		}
		ta.count++
		perHour[hourOf(t.FirstSeen)]++
		if first == "" || t.FirstSeen < first {
			first = t.FirstSeen
		}
		if t.FirstSeen > last {
			last = t.FirstSeen
		}
		for _, o := range t.Observations {
			allObs++
			if o.SNR != nil {
				snr = append(snr, *o.SNR)
				ta.snr = append(ta.snr, *o.SNR)
				h := hourOf(o.Timestamp)
				if sigHour[h] == nil {
					sigHour[h] = &avg{}
				}
				sigHour[h].add(o.SNR)
				if o.RSSI != nil && len(scatter) < 500 {
					scatter = append(scatter, map[string]float64{"snr": *o.SNR, "rssi": *o.RSSI})
				}
			}
			if o.RSSI != nil {
				rssi = append(rssi, *o.RSSI)
			}
		}
	}
	sz := describe(sizes)
	out := map[string]any{"totalPackets": len(snr), "totalAllPackets": allObs, "totalTransmissions": len(sizes),
		"snr": describe(snr), "rssi": describe(rssi), "snrValues": histogram(snr, 20), "rssiValues": histogram(rssi, 20),
		"packetSizes": histogram(sizes, 20), "minPacketSize": int(sz.Min), "maxPacketSize": int(sz.Max), "avgPacketSize": sz.Avg,
		"packetsPerHour": hourCounts(perHour), "payloadTypes": typeCounts(byType), "snrByType": snrByType(byType),
		"signalOverTime": signalOverTime(sigHour), "scatterData": scatter, "timeSpanHours": spanHours(first, last)}
	return out, nil
}

func hourCounts(m map[string]int) []map[string]any {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := []map[string]any{}
	for _, k := range keys {
		out = append(out, map[string]any{"hour": k, "count": m[k]})
	}
	return out
}

func signalOverTime(m map[string]*avg) []map[string]any {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := []map[string]any{}
	for _, k := range keys {
		out = append(out, map[string]any{"hour": k, "count": m[k].n, "avgSnr": m[k].value()})
	}
	return out
}

// typeAcc accumulates one payload type.
type typeAcc struct {
	typ   *int
	count int
	snr   []float64
}

func sortedTypes(m map[string]*typeAcc) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		if m[names[i]].count != m[names[j]].count {
			return m[names[i]].count > m[names[j]].count
		}
		return names[i] < names[j]
	})
	return names
}

func typeCounts(m map[string]*typeAcc) []map[string]any {
	out := []map[string]any{}
	for _, n := range sortedTypes(m) {
		out = append(out, map[string]any{"type": m[n].typ, "name": n, "count": m[n].count})
	}
	return out
}

func snrByType(m map[string]*typeAcc) []map[string]any {
	out := []map[string]any{}
	for _, n := range sortedTypes(m) {
		if len(m[n].snr) == 0 {
			continue
		}
		st := describe(m[n].snr)
		out = append(out, map[string]any{"name": n, "count": len(m[n].snr), "avg": st.Avg, "min": st.Min, "max": st.Max})
	}
	return out
}

func spanHours(first, last string) float64 {
	a, ok1 := parseObsTime(first)
	b, ok2 := parseObsTime(last)
	if !ok1 || !ok2 {
		return 0
	}
	return round2(b.Sub(a).Hours())
}
