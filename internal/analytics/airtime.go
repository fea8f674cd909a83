package analytics

import (
	"math"
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

// LoRaPreset is analytics.loraPreset: the radio used for time-on-air estimates.
type LoRaPreset struct {
	FreqHz float64 `json:"freq_hz"`
	BwKHz  float64 `json:"bw_khz"`
	SF     int     `json:"sf"`
	CR     int     `json:"cr"`
	// Preamble is in symbols (0 = MeshCore's default for the SF).
	Preamble int `json:"preamble"`
}

// DefaultLoRaPreset is MeshCore's EU/UK narrow preset (869.6 MHz, 62.5 kHz, SF8, CR 4/5).
func DefaultLoRaPreset() LoRaPreset {
	return LoRaPreset{FreqHz: 869.6e6, BwKHz: 62.5, SF: 8, CR: 5, Preamble: meshcore.DefaultPreamble(8)}
}

// RelayAirtime is each payload type's share of relayed time-on-air (api.md §3.5 #60).
// JSON keys are in the order the endpoint has always written them (alphabetical).
type RelayAirtime struct {
	Cached     bool          `json:"cached"`
	Preset     LoRaPreset    `json:"preset"`
	Rows       []AirtimeType `json:"rows"`
	TotalCount int64         `json:"total_count"`
	TotalScore int64         `json:"total_score"`
	Window     string        `json:"window"`
}

// AirtimeType is one payload type's relayed count and airtime score.
type AirtimeType struct {
	AirtimePct  float64 `json:"airtime_pct"`
	Count       int64   `json:"count"`
	CountPct    float64 `json:"count_pct"`
	PayloadType string  `json:"payload_type"`
	Score       int64   `json:"score"`
	Type        int     `json:"type"`
}

// AirtimeQuery is the radio preset (zero SF = DefaultLoRaPreset) and the window label
// the answer echoes.
type AirtimeQuery struct {
	Preset      LoRaPreset
	WindowLabel string
}

// ComputeRelayAirtime weighs each transmission's time-on-air (nanoseconds) by its
// distinct relays over window w. Every transmission counts, those heard without a relay
// too (score 0), as the existing system counts them (parity.md §3).
func ComputeRelayAirtime(src Source, w Window, q AirtimeQuery) (RelayAirtime, error) {
	p := q.Preset
	if p.SF == 0 {
		p = DefaultLoRaPreset()
	}
	radio := meshcore.Radio{BandwidthKHz: p.BwKHz, SpreadingFactor: p.SF, CodingRate: p.CR, PreambleSymbols: p.Preamble}
	type acc struct {
		typ          int
		count, score int64
	}
	by := map[string]*acc{}
	out := RelayAirtime{Preset: p, Window: q.WindowLabel, Rows: []AirtimeType{}}
	src.Scan(w, func(t *store.Transmission) bool {
		relays := map[string]bool{}
		for i := range t.Observations {
			for _, hop := range hops.ParsePathPtr(t.Observations[i].PathJSON) {
				relays[strings.ToUpper(hop)] = true
			}
		}
		name, typ := "UNK", -1
		if t.PayloadType != nil {
			typ, name = *t.PayloadType, meshcore.PayloadType(*t.PayloadType).String()
		}
		a := by[name]
		if a == nil {
			a = &acc{typ: typ}
			by[name] = a
		}
		score := int64(math.Round(meshcore.AirtimeMs(len(t.RawHex)/2, radio)*1e6)) * int64(len(relays))
		a.count++
		a.score += score
		out.TotalCount++
		out.TotalScore += score
		return true
	})
	for name, a := range by {
		out.Rows = append(out.Rows, AirtimeType{PayloadType: name, Type: a.typ, Count: a.count,
			CountPct: pctOf(a.count, out.TotalCount), Score: a.score, AirtimePct: pctOf(a.score, out.TotalScore)})
	}
	rows := out.Rows
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].AirtimePct != rows[j].AirtimePct {
			return rows[i].AirtimePct > rows[j].AirtimePct
		}
		if rows[i].Count != rows[j].Count {
			return rows[i].Count > rows[j].Count
		}
		return rows[i].PayloadType < rows[j].PayloadType
	})
	return out, nil
}

func pctOf(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return Round2(100 * float64(part) / float64(whole))
}
