package analytics

import "github.com/corescope/corescope/internal/store"

// Source is what the per-request computations read: the store's transmissions in
// bounded batches, the nodes the API may show and the operator's hiding rules
// (api.md §1.6). internal/api implements it per request, so a scan stops when the
// client hangs up; tests may pass fakes.
type Source interface {
	// Scan calls fn with every transmission of w until fn returns false. Rows are
	// copied in batches; fn must not keep t.
	Scan(w Window, fn func(t *store.Transmission) bool)
	// Nodes returns the visible nodes, public keys lower-case.
	Nodes() ([]store.Node, error)
	// HiddenNode reports a public key the operator hides.
	HiddenNode(pubkey string) bool
	// HiddenObserver reports an observer id the operator hides.
	HiddenObserver(id string) bool
}

// Window selects the transmissions one view covers (api.md §1.5).
type Window struct {
	// Since and Until bound first_seen strictly ("" = open).
	Since, Until string
	// Observers keeps transmissions heard by one of these observers (a region); nil = all.
	Observers []string
	// Empty is set when a region matched no observer: the view covers nothing.
	Empty bool
	// PayloadType keeps one payload type (set by a view, never by the request); nil = all.
	PayloadType *int
	// Ascending scans by transmission id ascending (default descending).
	Ascending bool
	// Nodes keeps transmissions indexed to one of these pubkeys (set by a node view).
	Nodes []string
}

// nodesByKey indexes nodes by lower-case public key.
func nodesByKey(nodes []store.Node) map[string]*store.Node {
	m := make(map[string]*store.Node, len(nodes))
	for i := range nodes {
		m[nodes[i].PublicKey] = &nodes[i]
	}
	return m
}
