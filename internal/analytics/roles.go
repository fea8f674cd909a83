package analytics

import (
	"math"
	"sort"
	"strings"
)

// RoleStat is one role's row of /api/analytics/roles.
type RoleStat struct {
	Role             string  `json:"role"`
	NodeCount        int     `json:"nodeCount"`
	WithSkew         int     `json:"withSkew"`
	MeanAbsSkewSec   float64 `json:"meanAbsSkewSec"`
	MedianAbsSkewSec float64 `json:"medianAbsSkewSec"`
	OKCount          int     `json:"okCount"`
	WarningCount     int     `json:"warningCount"`
	CriticalCount    int     `json:"criticalCount"`
	AbsurdCount      int     `json:"absurdCount"`
	NoClockCount     int     `json:"noClockCount"`
}

// Roles counts visible nodes per role (api.md §3.5 #49). JSON keys are in the order
// the endpoint has always written them (alphabetical).
type Roles struct {
	Roles      []RoleStat `json:"roles"`
	TotalNodes int        `json:"totalNodes"`
}

// ComputeRoles counts visible nodes per role with their clock health: skew figures use
// each node's recent median skew from the clock model; severity counts cover nodes with
// skew data (bimodal clocks count as critical).
func ComputeRoles(src Source, m *ClockModel) (Roles, error) {
	nodes, err := src.Nodes()
	if err != nil {
		return Roles{}, err
	}
	byRole := map[string]*RoleStat{}
	skews := map[string][]float64{}
	for i := range nodes {
		role := strings.ToLower(strings.TrimSpace(deref(nodes[i].Role)))
		if role == "" {
			role = "unknown"
		}
		st := byRole[role]
		if st == nil {
			st = &RoleStat{Role: role}
			byRole[role] = st
		}
		st.NodeCount++
		sk := m.nodes[strings.ToLower(nodes[i].PublicKey)]
		if sk == nil {
			continue
		}
		st.WithSkew++
		skews[role] = append(skews[role], math.Abs(sk.RecentMedianSkewSec))
		switch sk.Severity {
		case "ok":
			st.OKCount++
		case "warning":
			st.WarningCount++
		case "critical", "bimodal_clock":
			st.CriticalCount++
		case "absurd":
			st.AbsurdCount++
		case "no_clock":
			st.NoClockCount++
		}
	}
	out := []RoleStat{}
	for role, st := range byRole {
		if v := skews[role]; len(v) > 0 {
			sum := 0.0
			for _, x := range v {
				sum += x
			}
			st.MeanAbsSkewSec, st.MedianAbsSkewSec = Round2(sum/float64(len(v))), Round2(median(v))
		}
		out = append(out, *st)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].NodeCount != out[j].NodeCount {
			return out[i].NodeCount > out[j].NodeCount
		}
		return out[i].Role < out[j].Role
	})
	return Roles{Roles: out, TotalNodes: len(nodes)}, nil
}
