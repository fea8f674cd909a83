package store

import "math"

// Radio readings (SNR, RSSI) are kept in an observation as int16 quarter units: the
// radios report SNR in steps of 0.25 dB and RSSI in whole dBm, so this is exact for
// real data and keeps obsRec at 64 bytes instead of 80. A value that is not a
// multiple of 0.25 or is out of range (other tools' databases) sets radioWide and
// the exact pair is kept in Store.radioWide by observation id.

// quarter returns v in quarter units and whether that is exact.
func quarter(v float64) (int16, bool) {
	q := v * 4
	if q != math.Trunc(q) || q < math.MinInt16 || q > math.MaxInt16 {
		return 0, false
	}
	return int16(q), true
}

// setRadioLocked stores the SNR and RSSI of r (each only when its has flag is set).
func (s *Store) setRadioLocked(r *obsRec, snr, rssi float64) {
	sq, ok1 := quarter(snr)
	rq, ok2 := quarter(rssi)
	if (r.flags&hasSNR == 0 || ok1) && (r.flags&hasRSSI == 0 || ok2) {
		r.snrQ, r.rssiQ = sq, rq
		return
	}
	r.flags |= radioWide
	s.radioWide[r.id] = [2]float64{snr, rssi}
}

// snrOf is o's SNR (meaningful when hasSNR is set); the caller holds mu.
func (s *Store) snrOf(o *obsRec) float64 {
	if o.flags&radioWide != 0 {
		return s.radioWide[o.id][0]
	}
	return float64(o.snrQ) / 4
}

// rssiOf is o's RSSI (meaningful when hasRSSI is set); the caller holds mu.
func (s *Store) rssiOf(o *obsRec) float64 {
	if o.flags&radioWide != 0 {
		return s.radioWide[o.id][1]
	}
	return float64(o.rssiQ) / 4
}
