package analytics

import (
	"sort"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

// RF summarises signal and size over every observation (api.md §3.5 #50). JSON keys
// are in the order the endpoint has always written them (alphabetical).
type RF struct {
	AvgPacketSize      float64       `json:"avgPacketSize"`
	MaxPacketSize      int           `json:"maxPacketSize"`
	MinPacketSize      int           `json:"minPacketSize"`
	PacketSizes        Histogram     `json:"packetSizes"`
	PacketsPerHour     []HourCount   `json:"packetsPerHour"`
	PayloadTypes       []TypeCount   `json:"payloadTypes"`
	RSSI               SampleStats   `json:"rssi"`
	RSSIValues         Histogram     `json:"rssiValues"`
	ScatterData        []SignalPoint `json:"scatterData"`
	SignalOverTime     []HourSignal  `json:"signalOverTime"`
	SNR                SampleStats   `json:"snr"`
	SNRByType          []TypeSNR     `json:"snrByType"`
	SNRValues          Histogram     `json:"snrValues"`
	TimeSpanHours      float64       `json:"timeSpanHours"`
	TotalAllPackets    int           `json:"totalAllPackets"`
	TotalPackets       int           `json:"totalPackets"`
	TotalTransmissions int           `json:"totalTransmissions"`
}

// HourCount is a count in one "YYYY-MM-DDTHH" bucket.
type HourCount struct {
	Count int    `json:"count"`
	Hour  string `json:"hour"`
}

// HourSignal is the mean SNR in one hour bucket.
type HourSignal struct {
	AvgSNR *float64 `json:"avgSnr"`
	Count  int      `json:"count"`
	Hour   string   `json:"hour"`
}

// TypeCount counts one payload type.
type TypeCount struct {
	Count int    `json:"count"`
	Name  string `json:"name"`
	Type  *int   `json:"type"`
}

// TypeSNR is the SNR of one payload type's observations.
type TypeSNR struct {
	Avg   float64 `json:"avg"`
	Count int     `json:"count"`
	Max   float64 `json:"max"`
	Min   float64 `json:"min"`
	Name  string  `json:"name"`
}

// SignalPoint is one (SNR, RSSI) sample of the scatter plot.
type SignalPoint struct {
	RSSI float64 `json:"rssi"`
	SNR  float64 `json:"snr"`
}

// maxScatter bounds the scatter plot's samples.
const maxScatter = 500

// ComputeRF computes the RF view over window w.
func ComputeRF(src Source, w Window) (RF, error) {
	var snr, rssi, sizes []float64
	allObs := 0
	perHour := map[string]int{}
	sigHour := map[string]*Mean{}
	byType := map[string]*typeAcc{}
	scatter := []SignalPoint{}
	first, last := "", ""
	src.Scan(w, func(t *store.Transmission) bool {
		sizes = append(sizes, float64(len(t.RawHex)/2))
		name := PayloadName(t.PayloadType)
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
					sigHour[h] = &Mean{}
				}
				sigHour[h].Add(o.SNR)
				if o.RSSI != nil && len(scatter) < maxScatter {
					scatter = append(scatter, SignalPoint{SNR: *o.SNR, RSSI: *o.RSSI})
				}
			}
			if o.RSSI != nil {
				rssi = append(rssi, *o.RSSI)
			}
		}
		return true
	})
	sz := Describe(sizes)
	return RF{TotalPackets: len(snr), TotalAllPackets: allObs, TotalTransmissions: len(sizes),
		SNR: Describe(snr), RSSI: Describe(rssi), SNRValues: NewHistogram(snr, 20), RSSIValues: NewHistogram(rssi, 20),
		PacketSizes: NewHistogram(sizes, packetSizeBins), MinPacketSize: int(sz.Min), MaxPacketSize: int(sz.Max), AvgPacketSize: sz.Avg,
		PacketsPerHour: hourCounts(perHour), PayloadTypes: typeCounts(byType), SNRByType: snrByType(byType),
		SignalOverTime: signalOverTime(sigHour), ScatterData: scatter, TimeSpanHours: spanHours(first, last)}, nil
}

// PayloadName names a payload type ("UNKNOWN" when absent).
func PayloadName(p *int) string {
	if p == nil {
		return "UNKNOWN"
	}
	return meshcore.PayloadType(*p).String()
}

func hourCounts(m map[string]int) []HourCount {
	out := []HourCount{}
	for _, k := range sortedKeys(m) {
		out = append(out, HourCount{Hour: k, Count: m[k]})
	}
	return out
}

func signalOverTime(m map[string]*Mean) []HourSignal {
	out := []HourSignal{}
	for _, k := range sortedKeys(m) {
		out = append(out, HourSignal{Hour: k, Count: m[k].N, AvgSNR: m[k].Value()})
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
	names := sortedKeys(m)
	sort.SliceStable(names, func(i, j int) bool { return m[names[i]].count > m[names[j]].count })
	return names
}

func typeCounts(m map[string]*typeAcc) []TypeCount {
	out := []TypeCount{}
	for _, n := range sortedTypes(m) {
		out = append(out, TypeCount{Type: m[n].typ, Name: n, Count: m[n].count})
	}
	return out
}

func snrByType(m map[string]*typeAcc) []TypeSNR {
	out := []TypeSNR{}
	for _, n := range sortedTypes(m) {
		if len(m[n].snr) == 0 {
			continue
		}
		st := Describe(m[n].snr)
		out = append(out, TypeSNR{Name: n, Count: len(m[n].snr), Avg: st.Avg, Min: st.Min, Max: st.Max})
	}
	return out
}

func spanHours(first, last string) float64 {
	a, ok1 := ParseTime(first)
	b, ok2 := ParseTime(last)
	if !ok1 || !ok2 {
		return 0
	}
	return Round2(b.Sub(a).Hours())
}

// sortedKeys returns m's keys in ascending order.
func sortedKeys[K int | int64 | string, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// packetSizeBins is the packet-size histogram's bin count, as the existing system draws it
// (parity.md §3).
const packetSizeBins = 25
