package api

import (
	"cmp"
	"slices"
	"strings"

	"github.com/corescope/corescope/internal/store"
)

// recentAdverts returns the node's own newest n adverts by first_seen (then id), with
// their observations. The node index holds them together with adverts the node relayed,
// in id order, and ids need not rise with time: so every match is summarised (no
// observation is copied) and only the n chosen transmissions are copied out.
func (s *Server) recentAdverts(pubkey string, n int) ([]TxJSON, error) {
	adv := 4
	sums, err := s.store.Summaries(TxFilter{PayloadType: &adv, Nodes: []string{strings.ToLower(pubkey)}})
	if err != nil {
		return nil, err
	}
	own := slices.DeleteFunc(sums, func(t store.TxSummary) bool { return !strings.EqualFold(t.FromPubkey, pubkey) })
	slices.SortFunc(own, func(a, b store.TxSummary) int {
		if c := cmp.Compare(b.FirstSeen, a.FirstSeen); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	out := []TxJSON{}
	for _, t := range own[:min(n, len(own))] {
		row, ok, err := s.store.TransmissionByID(t.ID)
		if err != nil {
			return nil, err
		}
		if ok { // evicted in between: skipped
			out = append(out, txJSON(&row, true))
		}
	}
	return out, nil
}
