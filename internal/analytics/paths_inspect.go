package analytics

import (
	"math"
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// Beam-search parameters: beam width and the score below which a path is speculative
// (per-hop scores come from the hop resolver, hops.Resolver.HopScore).
const (
	BeamWidth   = 20
	speculative = 0.7
)

// PathsInspect is the POST /api/paths/inspect answer (api.md §3.8 #71). JSON keys are
// in the order the endpoint has always written them (alphabetical).
type PathsInspect struct {
	Candidates []PathCandidate `json:"candidates"`
	Input      InspectInput    `json:"input"`
	Stats      InspectStats    `json:"stats"`
}

// PathCandidate is one plausible node sequence with its per-hop evidence.
type PathCandidate struct {
	Evidence    PathEvidence `json:"evidence"`
	Names       []string     `json:"names"`
	Path        []string     `json:"path"`
	Score       float64      `json:"score"`
	Speculative bool         `json:"speculative"`
}

// PathEvidence lists each hop's choice.
type PathEvidence struct {
	PerHop []HopEvidence `json:"perHop"`
}

// HopEvidence is one hop's chosen node, its edge weight and the runners-up.
type HopEvidence struct {
	Alternatives         []HopAlternative `json:"alternatives"`
	CandidatesConsidered int              `json:"candidatesConsidered"`
	Chosen               string           `json:"chosen"`
	EdgeWeight           float64          `json:"edgeWeight"`
	Prefix               string           `json:"prefix"`
}

// HopAlternative is another candidate for a hop with its hop score.
type HopAlternative struct {
	Name      string  `json:"name"`
	PublicKey string  `json:"publicKey"`
	Score     float64 `json:"score"`
}

// InspectInput echoes the prefixes.
type InspectInput struct {
	Hops     int      `json:"hops"`
	Prefixes []string `json:"prefixes"`
}

// InspectStats describes the search; ElapsedMs is set by the caller.
type InspectStats struct {
	BeamWidth     int   `json:"beamWidth"`
	ElapsedMs     int64 `json:"elapsedMs"`
	ExpansionsRun int   `json:"expansionsRun"`
}

// beamState is one partial path.
type beamState struct {
	keys    []string
	logSum  float64
	perHop  []float64
	weights []float64
}

// InspectPaths scores the most plausible node sequences for a prefix path (lower-case
// hex, validated by the caller) with a beam search, keeping the BeamWidth best partial
// paths by mean log score; observer ("" = none) weighs the last hop's edge to it.
func (c *HopContext) InspectPaths(prefixes []string, observer string, limit int) PathsInspect {
	states := []beamState{{}}
	expansions := 0
	hopCands := make([][]*store.Node, len(prefixes))
	for i, p := range prefixes {
		hopCands[i] = c.rows(p)
	}
	for i := range prefixes {
		var next []beamState
		for _, st := range states {
			prev := ""
			if len(st.keys) > 0 {
				prev = st.keys[len(st.keys)-1]
			}
			for _, n := range hopCands[i] {
				k := strings.ToLower(n.PublicKey)
				if hasKey(st.keys, k) {
					continue
				}
				expansions++
				sc, edge := c.HopScore(prev, k, len(hopCands[i]))
				if i == len(prefixes)-1 && observer != "" {
					sc = (sc + c.Affinity(k, observer)) / 2
				}
				ns := beamState{keys: append(append([]string(nil), st.keys...), k), logSum: st.logSum + math.Log(max(sc, 1e-6)),
					perHop: append(append([]float64(nil), st.perHop...), sc), weights: append(append([]float64(nil), st.weights...), edge)}
				next = append(next, ns)
			}
		}
		sort.SliceStable(next, func(a, b int) bool { return next[a].logSum > next[b].logSum })
		if len(next) > BeamWidth {
			next = next[:BeamWidth]
		}
		states = next
		if len(states) == 0 {
			break
		}
	}
	out := PathsInspect{Candidates: []PathCandidate{}, Input: InspectInput{Prefixes: prefixes, Hops: len(prefixes)},
		Stats: InspectStats{BeamWidth: BeamWidth, ExpansionsRun: expansions}}
	for _, st := range states {
		if len(out.Candidates) >= limit || len(st.keys) != len(prefixes) {
			break
		}
		score := math.Round(math.Exp(st.logSum/float64(len(st.keys)))*1000) / 1000
		names := make([]string, len(st.keys))
		per := make([]HopEvidence, len(st.keys))
		for i, k := range st.keys {
			names[i] = deref(c.byKey[k].Name)
			per[i] = HopEvidence{Prefix: prefixes[i], CandidatesConsidered: len(hopCands[i]), Chosen: k, EdgeWeight: Round2(st.weights[i]),
				Alternatives: c.alternatives(hopCands[i], k, st.keys, i)}
		}
		out.Candidates = append(out.Candidates, PathCandidate{Path: st.keys, Names: names, Score: score, Speculative: score < speculative,
			Evidence: PathEvidence{PerHop: per}})
	}
	return out
}

// alternatives lists up to 5 other candidates for hop i with their hop score.
func (c *HopContext) alternatives(cands []*store.Node, chosen string, keys []string, i int) []HopAlternative {
	prev := ""
	if i > 0 {
		prev = keys[i-1]
	}
	out := []HopAlternative{}
	for _, n := range cands {
		if k := strings.ToLower(n.PublicKey); k != chosen && len(out) < 5 {
			sc, _ := c.HopScore(prev, k, len(cands))
			out = append(out, HopAlternative{PublicKey: k, Name: deref(n.Name), Score: math.Round(sc*1000) / 1000})
		}
	}
	return out
}

func hasKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}
