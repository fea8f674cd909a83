package analytics

import (
	"math"
	"sort"
	"strings"
)

// LeaderboardRes is the hex resolution the leaderboard counts cells at (cells about
// 0.5 km across): fine enough to tell streets apart, coarse enough that one walk
// does not count as hundreds of cells.
const LeaderboardRes = 13

// RxLeaderboard ranks mobile receivers (api.md §3.9 #46).
type RxLeaderboard struct {
	Days      int             `json:"days"`
	Observers []RxContributor `json:"observers"`
}

// RxContributor is one receiver: its receptions, the distinct nodes it heard, the
// distinct cells it reported from, and its score: Σ over its cells of
// 1 / (receivers that reported from that cell), so lone coverage counts most.
type RxContributor struct {
	Pubkey     string  `json:"pubkey"`
	Name       string  `json:"name"`
	Receptions int     `json:"receptions"`
	Nodes      int     `json:"nodes"`
	Cells      int     `json:"cells"`
	Score      float64 `json:"score"`
}

// ComputeRxLeaderboard ranks the receivers of rows (score, then receptions, then
// pubkey), at most limit of them; names maps receiver keys to their reported names.
func ComputeRxLeaderboard(rows []ClientRx, days, limit int, names map[string]string, h *HeardResolver) RxLeaderboard {
	type acc struct {
		receptions int
		nodes      map[string]bool
		cells      map[string]bool
	}
	per := map[string]*acc{}
	cellRx := map[string]map[string]bool{}
	for _, r := range rows {
		pk, _, hidden := h.Node(r.HeardKey)
		if hidden {
			continue
		}
		rx := strings.ToLower(r.RxPubkey)
		a := per[rx]
		if a == nil {
			a = &acc{nodes: map[string]bool{}, cells: map[string]bool{}}
			per[rx] = a
		}
		a.receptions++
		if pk == "" {
			pk = strings.ToLower(r.HeardKey)
		}
		a.nodes[pk] = true
		c := HexCell(r.Lat, r.Lon, LeaderboardRes)
		a.cells[c] = true
		if cellRx[c] == nil {
			cellRx[c] = map[string]bool{}
		}
		cellRx[c][rx] = true
	}
	out := RxLeaderboard{Days: days, Observers: []RxContributor{}}
	for rx, a := range per {
		score := 0.0
		for c := range a.cells {
			score += 1 / float64(len(cellRx[c]))
		}
		out.Observers = append(out.Observers, RxContributor{Pubkey: rx, Name: names[rx], Receptions: a.receptions,
			Nodes: len(a.nodes), Cells: len(a.cells), Score: math.Round(score*1000) / 1000})
	}
	sort.Slice(out.Observers, func(i, j int) bool {
		a, b := out.Observers[i], out.Observers[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Receptions != b.Receptions {
			return a.Receptions > b.Receptions
		}
		return a.Pubkey < b.Pubkey
	})
	if len(out.Observers) > limit {
		out.Observers = out.Observers[:limit]
	}
	return out
}
