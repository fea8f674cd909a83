package meshsim

import (
	"math/rand/v2"
	"slices"
	"sort"
	"time"
)

// Generator produces the MQTT traffic of a World, one scenario per Step. It is not
// safe for concurrent use.
type Generator struct {
	w          *World
	rng        *rand.Rand
	nextStatus time.Time
	seq        int64
	started    bool
	// round holds the nodes still to advertise in the opening advert round.
	round []*Node
	// nextNeighbors is when observers next publish …/neighbors; scopeRng drives those
	// reports apart from the traffic's generator.
	nextNeighbors time.Time
	scopeRng      *rand.Rand
	// nextClientRx is when the mobile clients next report; rxRng drives them apart from
	// the traffic, and rxLog is their ground truth (client_rx.go).
	nextClientRx time.Time
	rxRng        *rand.Rand
	rxLog        []ClientRx
	// silent are the injected outages (silence.go); stepAt is the current step's start.
	silent map[*Node][]silence
	// degraded are the injected upload losses (silence.go).
	degraded map[*Observer][]degrade
	// drains and noisy are the injected battery falls and noise rises (status_trends.go).
	drains map[*Observer][]drain
	noisy  map[*Observer][]noiseRise
	stepAt time.Time
	// changes are injected renames and moves not yet due (changes.go).
	changes []nodeChange
}

// NewGenerator returns a generator over w, seeded from the world's options.
func NewGenerator(w *World) *Generator {
	seed := w.opts.Seed
	if w.opts.TrafficSeed != 0 {
		seed = w.opts.TrafficSeed
	}
	return &Generator{w: w, rng: rand.New(rand.NewPCG(seed, 0x74726166666963))}
}

// InAdvertRound reports whether the opening advert round (Options.AdvertRound) is
// still running; Run does not pace it, so a live demo shows every node at once.
func (g *Generator) InAdvertRound() bool {
	return g.w.opts.AdvertRound && (!g.started || len(g.round) > 0)
}

// World returns the generator's world.
func (g *Generator) World() *World { return g.w }

// Step runs the next traffic scenario starting at at and returns the messages the
// observers publish, ordered by time, preceded by any status messages that are due.
// A scenario whose packets nobody heard returns no packet messages.
func (g *Generator) Step(at time.Time) ([]Message, error) {
	var out []Message
	g.stepAt = at
	if len(g.changes) > 0 {
		g.applyChanges(at)
	}
	if g.nextStatus.IsZero() || !at.Before(g.nextStatus) {
		if g.nextStatus.IsZero() {
			for _, o := range g.w.Observers {
				o.bootAt = at.Add(-time.Duration(1+g.rng.IntN(72)) * time.Hour)
			}
		}
		for _, o := range g.w.Observers {
			dMv, dNoise := g.statusShift(o, at)
			m, err := statusMessage(o, at, dMv, dNoise)
			if err != nil {
				return nil, err
			}
			out = append(out, m)
		}
		g.nextStatus = at.Add(g.w.opts.StatusInterval)
	}
	if iv := g.w.opts.NeighborsInterval; iv > 0 && (g.nextNeighbors.IsZero() || !at.Before(g.nextNeighbors)) {
		msgs, err := g.scopeReports(at)
		if err != nil {
			return nil, err
		}
		out = append(out, msgs...)
		g.nextNeighbors = at.Add(iv)
	}
	if iv := g.w.opts.ClientRxInterval; iv > 0 && g.w.opts.MobileClients > 0 && (g.nextClientRx.IsZero() || !at.Before(g.nextClientRx)) {
		msgs, err := g.clientReceptions(at)
		if err != nil {
			return nil, err
		}
		out = append(out, msgs...)
		g.nextClientRx = at.Add(iv)
	}
	if !g.started {
		g.started = true
		if g.w.opts.AdvertRound {
			g.round = append([]*Node(nil), g.w.Nodes...)
		}
	}
	var txs []transmission
	var err error
	if len(g.round) > 0 {
		n := g.round[0]
		g.round = g.round[1:]
		txs, err = g.advertFrom(n, at)
	} else {
		txs, err = g.scenario(at)
	}
	if err != nil {
		return nil, err
	}
	start := len(out)
	for i := range txs {
		tx := &txs[i]
		if len(g.silent) > 0 && g.quiet(tx.origin) {
			continue
		}
		var recs []reception
		switch tx.mode {
		case modeFlood:
			recs, err = g.flood(tx.origin, tx.frame)
		default:
			recs, err = g.direct(tx.origin, tx.frame, tx.route, tx.mode)
		}
		if err != nil {
			return nil, err
		}
		if k := g.w.opts.ObserversPerTx; k > 0 {
			recs = g.keepObservers(recs, k)
		}
		if len(g.degraded) > 0 {
			recs = slices.DeleteFunc(recs, func(r reception) bool { return g.drops(r.obs) })
		}
		g.seq++
		info := tx.info
		info.Seq, info.Origin = g.seq, tx.origin
		for _, r := range recs {
			m, err := packetMessage(r, at.Add(tx.delay+r.at), &info)
			if err != nil {
				return nil, err
			}
			out = append(out, m)
		}
	}
	sort.SliceStable(out[start:], func(i, j int) bool { return out[start+i].At.Before(out[start+j].At) })
	return out, nil
}
