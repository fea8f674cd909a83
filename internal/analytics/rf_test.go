package analytics

import (
	"testing"

	"github.com/corescope/corescope/internal/store"
)

// rowSource is a Source over fixed rows; Scan honours Window.Empty and PayloadType.
type rowSource struct {
	txs    []store.Transmission
	nodes  []store.Node
	hidden map[string]bool
}

func (r *rowSource) Scan(w Window, fn func(t *store.Transmission) bool) {
	for i := range r.txs {
		t := &r.txs[i]
		if w.Empty || (w.PayloadType != nil && (t.PayloadType == nil || *t.PayloadType != *w.PayloadType)) {
			continue
		}
		if !fn(t) {
			return
		}
	}
}
func (r *rowSource) Nodes() ([]store.Node, error)  { return r.nodes, nil }
func (r *rowSource) HiddenNode(pk string) bool     { return r.hidden[pk] }
func (r *rowSource) HiddenObserver(id string) bool { return r.hidden[id] }
func fp(v float64) *float64                        { return &v }
func ip(v int) *int                                { return &v }

// TestComputeRF checks the RF view against figures worked out by hand: two adverts
// (4 and 2 bytes) and one text message (6 bytes), four observations, three with SNR.
func TestComputeRF(t *testing.T) {
	src := &rowSource{txs: []store.Transmission{
		{RawHex: "00112233", FirstSeen: "2026-01-01T10:00:00.000Z", PayloadType: ip(4), Observations: []store.Observation{
			{SNR: fp(10), RSSI: fp(-90), Timestamp: "2026-01-01T10:00:01.000Z"},
			{SNR: fp(-2), Timestamp: "2026-01-01T10:00:02.000Z"},
		}},
		{RawHex: "0011", FirstSeen: "2026-01-01T12:30:00.000Z", PayloadType: ip(4), Observations: []store.Observation{
			{RSSI: fp(-100), Timestamp: "2026-01-01T12:30:00.000Z"},
		}},
		{RawHex: "001122334455", FirstSeen: "2026-01-01T11:00:00.000Z", PayloadType: ip(2), Observations: []store.Observation{
			{SNR: fp(4), RSSI: fp(-80), Timestamp: "2026-01-01T11:00:00.000Z"},
		}},
	}}
	rf, err := ComputeRF(src, Window{})
	if err != nil {
		t.Fatal(err)
	}
	if rf.TotalTransmissions != 3 || rf.TotalAllPackets != 4 || rf.TotalPackets != 3 {
		t.Fatalf("totals %d/%d/%d, want 3 transmissions, 4 observations, 3 with SNR", rf.TotalTransmissions, rf.TotalAllPackets, rf.TotalPackets)
	}
	if rf.MinPacketSize != 2 || rf.MaxPacketSize != 6 || rf.AvgPacketSize != 4 {
		t.Fatalf("sizes %d..%d avg %v, want 2..6 avg 4", rf.MinPacketSize, rf.MaxPacketSize, rf.AvgPacketSize)
	}
	if rf.SNR.Avg != 4 || rf.SNR.Median != 4 || rf.SNR.Min != -2 || rf.SNR.Max != 10 {
		t.Fatalf("snr %+v, want avg 4 median 4 min -2 max 10", rf.SNR)
	}
	if rf.TimeSpanHours != 2.5 {
		t.Fatalf("span %v h, want 2.5", rf.TimeSpanHours)
	}
	if len(rf.PayloadTypes) != 2 || rf.PayloadTypes[0].Count != 2 || *rf.PayloadTypes[0].Type != 4 || rf.PayloadTypes[1].Count != 1 {
		t.Fatalf("payload types %+v, want type 4 ×2 then type 2 ×1", rf.PayloadTypes)
	}
	if len(rf.ScatterData) != 2 || len(rf.PacketsPerHour) != 3 || rf.PacketsPerHour[0] != (HourCount{Hour: "2026-01-01T10", Count: 1}) {
		t.Fatalf("scatter %v, per hour %v", rf.ScatterData, rf.PacketsPerHour)
	}
	empty, _ := ComputeRF(src, Window{Empty: true})
	if empty.TotalTransmissions != 0 || empty.PacketsPerHour == nil || empty.ScatterData == nil {
		t.Fatalf("empty window %+v: want zero counts and empty (non-nil) lists", empty)
	}
}
