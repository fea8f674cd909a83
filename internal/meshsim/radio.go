package meshsim

import (
	"math"
	"math/rand/v2"
)

// Link model constants: a log-distance path loss around 915 MHz over suburban terrain.
const (
	txPowerDBm    = 22.0
	refLossDB     = 128.0 // loss at 1 km
	lossExponent  = 28.0  // dB per decade of distance
	noiseFloorDBm = -118.0
	minSNR        = -12.0 // demodulation limit used for the SF8 preset
	fadeSigmaDB   = 2.5
)

// link is a potential radio path from one node to another with its mean quality.
type link struct {
	to   *Node
	rssi float64
}

// distanceKm is the great-circle distance between two nodes.
func distanceKm(a, b *Node) float64 {
	const r = 6371.0
	la1, la2 := a.Lat*math.Pi/180, b.Lat*math.Pi/180
	dLat := la2 - la1
	dLon := (b.Lon - a.Lon) * math.Pi / 180
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// meanRSSI is the expected receive level between two nodes.
func meanRSSI(a, b *Node) float64 {
	d := math.Max(distanceKm(a, b), 0.05)
	return txPowerDBm + a.GainDB + b.GainDB - (refLossDB + lossExponent*math.Log10(d))
}

// sample draws one reception over the link: RSSI with fading and the SNR above the
// noise floor, and whether it is strong enough to decode.
func (l link) sample(rng *rand.Rand) (rssi, snr float64, ok bool) {
	rssi = l.rssi + rng.NormFloat64()*fadeSigmaDB
	snr = rssi - noiseFloorDBm + rng.NormFloat64()
	snr = math.Round(math.Min(snr, 14)*4) / 4 // radios report quarter-dB SNR, saturating near +14
	rssi = math.Round(rssi)
	return rssi, snr, snr >= minSNR
}
