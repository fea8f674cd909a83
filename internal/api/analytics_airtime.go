package api

import (
	"math"
	"net/http"
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/meshcore"
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

// computeRelayAirtimeShare weighs each transmission's time-on-air by its distinct relays and
// reports each payload type's share (api.md §3.5 #60).
func (s *Server) computeRelayAirtimeShare(r *http.Request) (any, error) {
	rows, err := s.analyticsRows(r)
	if err != nil {
		return nil, err
	}
	p := s.opts.LoRa
	if p.SF == 0 {
		p = DefaultLoRaPreset()
	}
	radio := meshcore.Radio{BandwidthKHz: p.BwKHz, SpreadingFactor: p.SF, CodingRate: p.CR, PreambleSymbols: p.Preamble}
	type acc struct {
		typ          int
		count, score int64
	}
	by := map[string]*acc{}
	var totalCount, totalScore int64
	for t := range rows {
		relays := map[string]bool{}
		for _, o := range t.Observations {
			for _, hop := range hopList(o.PathJSON) {
				relays[strings.ToUpper(hop)] = true
			}
		}
		if len(relays) == 0 {
			continue
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
		totalCount++
		totalScore += score
	}
	out := []map[string]any{}
	for name, a := range by {
		out = append(out, map[string]any{"payload_type": name, "type": a.typ, "count": a.count,
			"count_pct": pctOf(a.count, totalCount), "score": a.score, "airtime_pct": pctOf(a.score, totalScore)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i]["airtime_pct"].(float64) != out[j]["airtime_pct"].(float64) {
			return out[i]["airtime_pct"].(float64) > out[j]["airtime_pct"].(float64)
		}
		if out[i]["count"].(int64) != out[j]["count"].(int64) {
			return out[i]["count"].(int64) > out[j]["count"].(int64)
		}
		return out[i]["payload_type"].(string) < out[j]["payload_type"].(string)
	})
	return map[string]any{"rows": out, "total_count": totalCount, "total_score": totalScore,
		"preset": p, "window": r.URL.Query().Get("window"), "cached": false}, nil
}

func pctOf(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return round2(100 * float64(part) / float64(whole))
}
