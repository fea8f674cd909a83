package api

import (
	"slices"

	"github.com/corescope/corescope/internal/store"
)

// grpTxtType is the GRP_TXT payload type: a channel filter matches only those.
const grpTxtType = 5

// storeFilter maps a TxFilter onto the store's filter. A channel filter implies
// payload type GRP_TXT (a different explicit type matches nothing).
func storeFilter(f TxFilter) store.Filter {
	sf := store.Filter{Ascending: f.Ascending, PayloadType: f.PayloadType, PayloadTypes: f.PayloadTypes, RouteType: f.RouteType, Hash: f.Hash,
		Observers: f.Observers, Nodes: f.Nodes, Channel: f.Channel, Since: f.Since, Until: f.Until}
	if f.Channel != "" && f.PayloadType == nil && len(f.PayloadTypes) == 0 {
		grp := grpTxtType
		sf.PayloadType = &grp
	}
	return sf
}

// sortedUnique sorts s and drops repeats.
func sortedUnique(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}
