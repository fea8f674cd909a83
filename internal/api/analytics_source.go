package api

import (
	"context"
	"database/sql"
	"net/http"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/storage"
	"github.com/corescope/corescope/internal/store"
)

// analyticsSource is one request's view of the store for internal/analytics: its scans
// stop once ctx ends (the client hung up), and nodes and hiding follow §1.6.
type analyticsSource struct {
	s   *Server
	ctx context.Context
}

var (
	_ analytics.HashSizeSource = analyticsSource{}
	_ analytics.ClockSource    = analyticsSource{}
	_ analytics.NodeSource     = analyticsSource{}
	_ analytics.ScopeSource    = analyticsSource{}
	_ analytics.ObserverSource = analyticsSource{}
)

// analyticsSource returns the Source a computation for ctx reads.
func (s *Server) analyticsSource(ctx context.Context) analyticsSource {
	return analyticsSource{s: s, ctx: ctx}
}

// Scan implements analytics.Source.
func (a analyticsSource) Scan(w analytics.Window, fn func(t *store.Transmission) bool) {
	if w.Empty {
		return
	}
	f := TxFilter{Since: w.Since, Until: w.Until, Observers: w.Observers, PayloadType: w.PayloadType, Ascending: w.Ascending, Nodes: w.Nodes}
	if err := a.s.store.ScanTransmissions(f, untilDone(a.ctx, fn)); err != nil {
		a.s.log.Error("scan analytics rows", "err", err)
	}
}

// Nodes implements analytics.Source: the visible nodes, public keys lower-case.
func (a analyticsSource) Nodes() ([]store.Node, error) {
	rows, err := a.s.visibleNodes()
	if err != nil {
		return nil, err
	}
	return storeNodes(rows), nil
}

// storeNodes copies API node rows into store rows, public keys lower-case.
func storeNodes(rows []NodeRow) []store.Node {
	out := make([]store.Node, len(rows))
	for i, n := range rows {
		out[i] = store.Node{PublicKey: strings.ToLower(n.PublicKey), Name: n.Name, Role: n.Role, Lat: n.Lat, Lon: n.Lon,
			LastSeen: n.LastSeen, FirstSeen: n.FirstSeen, AdvertCount: n.AdvertCount, BatteryMv: n.BatteryMv,
			TemperatureC: n.TemperatureC, Foreign: n.Foreign, DefaultScope: n.DefaultScope}
	}
	return out
}

// HiddenNode implements analytics.Source.
func (a analyticsSource) HiddenNode(pubkey string) bool { return a.s.hide.pubkey(pubkey) }

// HiddenObserver implements analytics.Source.
func (a analyticsSource) HiddenObserver(id string) bool { return a.s.hide.observer(id) }

// analyticsWindow reads an analytics request's window (from/to/window) and region
// parameters (api.md §1.5); an unknown region code selects nothing.
func (s *Server) analyticsWindow(r *http.Request) (analytics.Window, error) {
	var w analytics.Window
	w.Since, w.Until = parseTimeWindow(r.URL.Query(), s.opts.Now())
	codes, err := parseRegion(r.URL.Query())
	if err != nil {
		return w, err
	}
	if len(codes) > 0 {
		ids, err := s.regionObservers(codes)
		if err != nil {
			return w, err
		}
		w.Observers, w.Empty = ids, len(ids) == 0
	}
	return w, nil
}

// NodeHashSizes implements analytics.HashSizeSource from the node enrichment (rebuilt
// in the background at most every 30 s).
func (a analyticsSource) NodeHashSizes() (map[string][]int, error) {
	e, err := a.s.nodeEnrichment()
	if err != nil {
		return nil, err
	}
	return e.HashSizes, nil
}

// HiddenNodes implements analytics.ClockSource: the stored nodes any hiding rule hides.
func (a analyticsSource) HiddenNodes() (map[string]bool, error) {
	nodes, err := a.s.store.Nodes()
	if err != nil {
		return nil, err
	}
	hidden := map[string]bool{}
	for i := range nodes {
		if a.s.hide.node(&nodes[i]) {
			hidden[strings.ToLower(nodes[i].PublicKey)] = true
		}
	}
	return hidden, nil
}

// ObserverNames implements analytics.ClockSource (empty when the observers cannot be read).
func (a analyticsSource) ObserverNames() map[string]string {
	out := map[string]string{}
	obs, err := a.s.store.Observers()
	if err != nil {
		return out
	}
	for _, o := range obs {
		out[o.ID] = deref(o.Name)
	}
	return out
}

// NodeNames implements analytics.NodeSource: every stored node's name, hidden ones too.
func (a analyticsSource) NodeNames() (map[string]*string, error) {
	nodes, err := a.s.store.Nodes()
	if err != nil {
		return nil, err
	}
	names := make(map[string]*string, len(nodes))
	for i := range nodes {
		names[strings.ToLower(nodes[i].PublicKey)] = nodes[i].Name
	}
	return names, nil
}

// TransportScopes implements analytics.ScopeSource over the database (storage).
func (a analyticsSource) TransportScopes(since time.Time, fn func(firstSeen string, scope *string)) error {
	if a.s.opts.DB == nil {
		return errorf(ErrUnavailable, errNoDB.Error())
	}
	return storage.TransportScopes(a.ctx, a.s.opts.DB, since.Format(time.RFC3339), func(first string, scope sql.NullString) {
		if scope.Valid {
			fn(first, &scope.String)
		} else {
			fn(first, nil)
		}
	})
}

// NonTransportCount implements analytics.ScopeSource over the database (storage).
func (a analyticsSource) NonTransportCount(since time.Time) (int, error) {
	if a.s.opts.DB == nil {
		return 0, errorf(ErrUnavailable, errNoDB.Error())
	}
	return storage.CountNonTransport(a.ctx, a.s.opts.DB, since.Format(time.RFC3339))
}

// ScanObserver implements analytics.ObserverSource.
func (a analyticsSource) ScanObserver(id string, sinceUnix int64, fn func(p *store.ObsPoint) bool) {
	a.s.store.ScanObserver(id, sinceUnix, untilDone(a.ctx, fn))
}

// AllNodes implements analytics.NodeSource: every stored node, hidden ones too.
func (a analyticsSource) AllNodes() ([]store.Node, error) {
	rows, err := a.s.store.Nodes()
	if err != nil {
		return nil, err
	}
	return storeNodes(rows), nil
}
