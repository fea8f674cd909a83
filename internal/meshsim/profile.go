package meshsim

import (
	"fmt"
	"slices"
)

// Profiles are the dataset shapes benchmarks are built with (./manage.sh bench --profile).
var Profiles = []string{"realistic", "fixture", "dense"}

// ApplyProfile sets the world size and how many observers upload each transmission for a
// named dataset shape:
//   - realistic: 200 nodes, 31 observers, about 5 observations per transmission (the shape
//     of a production database: 969,609 observations for 200,499 transmissions);
//   - fixture: 200 nodes, 31 observers, one observation per transmission (the shape of
//     ../shared/testdata/corescope-fixture.db: 500 observations for 499 transmissions);
//   - dense: the simulator's defaults, every observer in range uploading up to two copies
//     (about 26 observations per transmission with 300 nodes and 20 observers).
func ApplyProfile(o *Options, name string) error {
	switch name {
	case "realistic":
		o.Nodes, o.Observers, o.ObserversPerTx, o.MaxCopies = 200, 31, realisticObserversPerTx, 1
	case "fixture":
		o.Nodes, o.Observers, o.ObserversPerTx, o.MaxCopies = 200, 31, 1, 1
	case "dense":
		d := DefaultOptions()
		o.ObserversPerTx, o.MaxCopies = 0, d.MaxCopies
	default:
		return fmt.Errorf("profile %q: %w: want one of %v", name, ErrOptions, Profiles)
	}
	// Benchmark datasets keep the unscoped mesh their figures were measured on: no
	// region-configured repeaters (which drop floods), no scope reports and no mobile
	// client receptions.
	o.ScopeRegions, o.ScopedRepeaters, o.OpenRepeaters, o.Misconfigured, o.NeighborsInterval = nil, 0, 0, 0, 0
	o.MobileClients, o.ClientRxInterval = 0, 0
	return nil
}

// realisticObserversPerTx is the draw mean that yields about 5 observations per
// transmission: direct packets and zero-hop adverts reach fewer observers than drawn.
const realisticObserversPerTx = 5.5

// keepObservers keeps the receptions of a random subset of the observers that heard one
// transmission: n of them, n drawn uniformly between 1 and 2·mean−1 (mean n = mean).
func (g *Generator) keepObservers(recs []reception, mean float64) []reception {
	var heard []*Observer
	for _, r := range recs {
		if !slices.Contains(heard, r.obs) {
			heard = append(heard, r.obs)
		}
	}
	x := 1 + g.rng.Float64()*max(2*mean-2, 0)
	n := int(x)
	if g.rng.Float64() < x-float64(n) {
		n++
	}
	if n >= len(heard) {
		return recs
	}
	for i := 0; i < n; i++ { // partial Fisher–Yates: heard[:n] is the kept set
		j := i + g.rng.IntN(len(heard)-i)
		heard[i], heard[j] = heard[j], heard[i]
	}
	keep := heard[:n]
	out := recs[:0]
	for _, r := range recs {
		if slices.Contains(keep, r.obs) {
			out = append(out, r)
		}
	}
	return out
}
