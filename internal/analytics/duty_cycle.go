package analytics

import (
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

// DefaultDutyCycleLimitPct is the EU868 limit of the g3 sub-band (869.4–869.65 MHz) that
// MeshCore's EU/UK narrow preset transmits in: 10 % of every hour.
const DefaultDutyCycleLimitPct = 10.0

// DutyCycle is one observer's or one node's estimated airtime per hour (issue #22 item 8).
type DutyCycle struct {
	// Subject is the observer id or the node's public key.
	Subject  string          `json:"subject"`
	Kind     string          `json:"kind"` // "observer" (heard) or "node" (transmitted)
	Hours    int             `json:"hours"`
	LimitPct float64         `json:"limit_pct"`
	Preset   LoRaPreset      `json:"preset"`
	Buckets  []DutyCycleHour `json:"buckets"`
}

// DutyCycleHour is one hour: its start, the packets counted, their summed time-on-air
// and that airtime as a share of the hour.
type DutyCycleHour struct {
	Hour      string  `json:"hour"` // RFC 3339 UTC, start of the hour
	Packets   int     `json:"packets"`
	AirtimeMs float64 `json:"airtime_ms"`
	DutyPct   float64 `json:"duty_cycle_pct"`
}

// DutyCycleQuery is the window (the hours ending with the hour holding Now), the radio
// preset (zero SF = DefaultLoRaPreset) and the regional limit echoed for the chart.
type DutyCycleQuery struct {
	Hours    int
	Now      time.Time
	Preset   LoRaPreset
	LimitPct float64
}

// newDutyCycle lays out the empty hourly buckets, oldest first, and returns the first
// hour's unix start.
func newDutyCycle(kind, subject string, q DutyCycleQuery) (DutyCycle, meshcore.Radio, int64) {
	p := q.Preset
	if p.SF == 0 {
		p = DefaultLoRaPreset()
	}
	radio := meshcore.Radio{BandwidthKHz: p.BwKHz, SpreadingFactor: p.SF, CodingRate: p.CR, PreambleSymbols: p.Preamble}
	end := q.Now.UTC().Truncate(time.Hour)
	first := end.Add(-time.Duration(q.Hours-1) * time.Hour)
	out := DutyCycle{Subject: subject, Kind: kind, Hours: q.Hours, LimitPct: q.LimitPct, Preset: p,
		Buckets: make([]DutyCycleHour, q.Hours)}
	for i := range out.Buckets {
		out.Buckets[i].Hour = first.Add(time.Duration(i) * time.Hour).Format(time.RFC3339)
	}
	return out, radio, first.Unix()
}

// add books one packet of n raw bytes at unix second ts, when it falls in the window.
func (d *DutyCycle) add(ts, first int64, n int, radio meshcore.Radio) {
	if ts < first || n <= 0 {
		return
	}
	i := int((ts - first) / 3600)
	if i >= len(d.Buckets) {
		return
	}
	d.Buckets[i].Packets++
	d.Buckets[i].AirtimeMs += meshcore.AirtimeMs(n, radio)
}

// finish rounds the sums and derives each hour's duty cycle.
func (d *DutyCycle) finish() {
	for i := range d.Buckets {
		b := &d.Buckets[i]
		b.DutyPct = Round2(100 * b.AirtimeMs / 3.6e6)
		b.AirtimeMs = Round2(b.AirtimeMs)
	}
}

// scanWindow is the store window for q: first_seen a little before the first hour, as
// an observation may be stamped later than its transmission's first_seen.
func scanWindow(first int64) Window {
	return Window{Since: time.Unix(first, 0).UTC().Add(-time.Hour).Format(time.RFC3339)}
}

// obsUnix parses an observation timestamp, 0 when it does not parse.
func obsUnix(ts string) int64 {
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return 0
	}
	return t.Unix()
}

// rawLen is an observation's raw length in bytes (its own raw_hex, else the transmission's).
func rawLen(t *store.Transmission, o *store.Observation) int {
	if o != nil && o.RawHex != nil && *o.RawHex != "" {
		return len(*o.RawHex) / 2
	}
	return len(t.RawHex) / 2
}

// ComputeObserverAirtime sums the time-on-air of every packet observer id heard per hour:
// each observation is one reception, so a packet heard twice (two relays) counts twice.
func ComputeObserverAirtime(src Source, id string, q DutyCycleQuery) DutyCycle {
	out, radio, first := newDutyCycle("observer", id, q)
	w := scanWindow(first)
	w.Observers = []string{id}
	src.Scan(w, func(t *store.Transmission) bool {
		for i := range t.Observations {
			o := &t.Observations[i]
			if o.ObserverID == nil || *o.ObserverID != id {
				continue
			}
			out.add(obsUnix(o.Timestamp), first, rawLen(t, o), radio)
		}
		return true
	})
	out.finish()
	return out
}

// ComputeNodeAirtime estimates node pk's own transmit airtime per hour: each packet it
// originated and each packet it relayed, the latter attributed only through resolved
// full-width hops (a 64-hex key equal to pk), once per transmission, at the hour of the
// transmission's earliest observation.
func ComputeNodeAirtime(src Source, pk string, q DutyCycleQuery) DutyCycle {
	pk = strings.ToLower(pk)
	out, radio, first := newDutyCycle("node", pk, q)
	// The store's node index holds originators and resolved hops: only this node's rows are read.
	w := scanWindow(first)
	w.Nodes = []string{pk}
	src.Scan(w, func(t *store.Transmission) bool {
		if len(t.Observations) == 0 {
			return true
		}
		sent := t.FromPubkey != nil && strings.ToLower(*t.FromPubkey) == pk
		relayed := false
		var earliest int64
		for i := range t.Observations {
			o := &t.Observations[i]
			if ts := obsUnix(o.Timestamp); ts > 0 && (earliest == 0 || ts < earliest) {
				earliest = ts
			}
			for _, h := range o.ResolvedPath {
				if h != nil && len(*h) == 64 && strings.ToLower(*h) == pk {
					relayed = true
				}
			}
		}
		n := len(t.RawHex) / 2
		if sent {
			out.add(earliest, first, n, radio)
		}
		if relayed {
			out.add(earliest, first, n, radio)
		}
		return true
	})
	out.finish()
	return out
}
