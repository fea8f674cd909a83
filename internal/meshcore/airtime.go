package meshcore

import "math"

// Radio holds the LoRa modulation parameters for time-on-air.
type Radio struct {
	BandwidthKHz    float64 // e.g. 62.5, 125, 250
	SpreadingFactor int     // 6–12
	CodingRate      int     // 5–8 meaning 4/5 … 4/8
	// PreambleSymbols is the preamble length; 0 selects DefaultPreamble(SpreadingFactor).
	PreambleSymbols int
}

// DefaultRadio returns the MeshCore default preset (869.6 MHz EU/UK narrow):
// BW 62.5 kHz, SF 8, CR 4/5, preamble 32 symbols.
func DefaultRadio() Radio {
	return Radio{BandwidthKHz: 62.5, SpreadingFactor: 8, CodingRate: 5, PreambleSymbols: 32}
}

// DefaultPreamble returns MeshCore's preamble length for a spreading factor:
// 32 symbols for SF ≤ 8, else 16.
func DefaultPreamble(sf int) int {
	if sf <= 8 {
		return 32
	}
	return 16
}

// AirtimeMs returns the LoRa time-on-air in milliseconds of a packet of
// packetLen bytes (the whole raw packet) with explicit header and CRC on
// (Semtech AN1200.13 formula, packet-format §11). Invalid parameters or a
// negative length give 0.
func AirtimeMs(packetLen int, r Radio) float64 {
	sf, cr := r.SpreadingFactor, r.CodingRate
	if packetLen < 0 || sf < 6 || sf > 12 || cr < 5 || cr > 8 || !(r.BandwidthKHz > 0) || math.IsInf(r.BandwidthKHz, 0) {
		return 0
	}
	pre := r.PreambleSymbols
	if pre <= 0 {
		pre = DefaultPreamble(sf)
	}
	tSym := math.Exp2(float64(sf)) / (r.BandwidthKHz * 1000) // seconds
	de := 0
	if tSym >= 0.016 {
		de = 1 // low-data-rate optimisation
	}
	num := 8*packetLen - 4*sf + 44
	den := 4 * (sf - 2*de)
	n := 0
	if num > 0 {
		n = (num + den - 1) / den
	}
	symbols := 8 + float64(n*cr)
	return (float64(pre) + 4.25 + symbols) * tSym * 1000
}
