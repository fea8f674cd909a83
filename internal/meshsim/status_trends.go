package meshsim

import "time"

// drain is an injected battery fall: from from until until the observer's status reports
// its battery lower by perDay mV for every simulated day since from; from until on the
// battery is as before (swapped or recharged).
type drain struct {
	perDay      float64
	from, until time.Time
}

// DrainBattery injects a falling battery on o (a solar node through a dark week, say):
// its …/status battery_mv falls by perDay mV per simulated day from from until until.
func (g *Generator) DrainBattery(o *Observer, perDay float64, from, until time.Time) {
	if g.drains == nil {
		g.drains = map[*Observer][]drain{}
	}
	g.drains[o] = append(g.drains[o], drain{perDay, from, until})
}

// noiseRise is an injected rise of an observer's noise floor by db dB.
type noiseRise struct {
	db          float64
	from, until time.Time
}

// RaiseNoise injects a noise floor on o higher by db dB from from until until (a new
// interferer near the observer); only its …/status noise_floor changes, not reception.
func (g *Generator) RaiseNoise(o *Observer, db float64, from, until time.Time) {
	if g.noisy == nil {
		g.noisy = map[*Observer][]noiseRise{}
	}
	g.noisy[o] = append(g.noisy[o], noiseRise{db, from, until})
}

// statusShift is the battery (mV) and noise (dB) offsets the injections give o's status at at.
func (g *Generator) statusShift(o *Observer, at time.Time) (batteryMv, noiseDB float64) {
	for _, d := range g.drains[o] {
		if !at.Before(d.from) && at.Before(d.until) {
			batteryMv -= d.perDay * at.Sub(d.from).Hours() / 24
		}
	}
	for _, n := range g.noisy[o] {
		if !at.Before(n.from) && at.Before(n.until) {
			noiseDB += n.db
		}
	}
	return batteryMv, noiseDB
}
