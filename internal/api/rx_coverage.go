package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/storage"
)

// rxScanCap bounds the client receptions one coverage request reads (newest first);
// beyond it the answer says truncated.
const rxScanCap = 200000

// errRxCoverageOff is the documented answer of the coverage routes while the operator
// has not opted in: the receptions are location data of the contributors.
var errRxCoverageOff = errorf(ErrNotFound, "client RX coverage is disabled: set clientRxCoverage.enabled to true in config.json and restart the ingestor and server (docs/configuration.md)")

// rxRows reads the receptions of the last days days for q (since set here) and converts
// them for internal/analytics; truncated reports the scan cap was hit.
func (s *Server) rxRows(r *http.Request, days int, q storage.ClientRxQuery) (rows []analytics.ClientRx, truncated bool, err error) {
	if s.opts.DB == nil {
		return nil, false, errorf(ErrUnavailable, errNoDB.Error())
	}
	q.Since = s.opts.Now().UTC().Add(-time.Duration(days) * 24 * time.Hour).Format(time.RFC3339)
	q.Limit = rxScanCap
	got, truncated, err := storage.ClientReceptions(r.Context(), s.opts.DB, q)
	if err != nil {
		return nil, false, err
	}
	rows = make([]analytics.ClientRx, len(got))
	for i, g := range got {
		rows[i] = analytics.ClientRx{RxPubkey: g.RxPubkey, HeardKey: g.HeardKey, Lat: g.Lat, Lon: g.Lon}
		if g.SNR.Valid {
			v := g.SNR.Float64
			rows[i].SNR = &v
		}
	}
	return rows, truncated, nil
}

// heardResolver names heard keys after every stored node, dropping hidden ones.
func (s *Server) heardResolver(r *http.Request) (*analytics.HeardResolver, error) {
	src := s.analyticsSource(r.Context())
	all, err := src.AllNodes()
	if err != nil {
		return nil, err
	}
	hidden, err := src.HiddenNodes()
	if err != nil {
		return nil, err
	}
	return analytics.NewHeardResolver(all, hidden), nil
}

// getRxCoverage serves /api/rx-coverage: receptions binned into hex cells, filtered by
// ?bbox=, ?node= (heard node) and ?rx= (receiver) (api.md §3.9 #45).
func (s *Server) getRxCoverage(w http.ResponseWriter, r *http.Request) {
	s.serveCoverage(w, r, "")
}

// getNodeRxCoverage serves /api/nodes/{pubkey}/rx-coverage: one node's cells plus its
// reception and receiver totals (api.md §3.4 #43).
func (s *Server) getNodeRxCoverage(w http.ResponseWriter, r *http.Request) {
	pk := strings.ToLower(r.PathValue("pubkey"))
	if len(pk) != 64 || !isHex(pk) {
		s.writeError(w, r, errorf(ErrBadRequest, "invalid pubkey: expected 64 hex chars"))
		return
	}
	s.serveCoverage(w, r, pk)
}

func (s *Server) serveCoverage(w http.ResponseWriter, r *http.Request, node string) {
	if !s.opts.UI.ClientRxCoverage {
		s.writeError(w, r, errRxCoverageOff)
		return
	}
	qv := r.URL.Query()
	days, err := parseDays(qv.Get("days"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	res, err := parseHexRes(qv.Get("z"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	q := storage.ClientRxQuery{}
	if q.BBox, err = parseBBox(qv.Get("bbox")); err != nil {
		s.writeError(w, r, err)
		return
	}
	if v := qv.Get("node"); v != "" && node == "" {
		node = strings.ToLower(v)
		if len(node) != 64 || !isHex(node) {
			s.writeError(w, r, errorf(ErrBadRequest, "node must be a 64-hex-char public key"))
			return
		}
	}
	if v := strings.ToLower(qv.Get("rx")); v != "" {
		if len(v) != 64 || !isHex(v) {
			s.writeError(w, r, errorf(ErrBadRequest, "rx must be a 64-hex-char public key"))
			return
		}
		q.RxPubkey = v
	}
	h, err := s.heardResolver(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if node != "" {
		if pk, _, hidden := h.Node(node); pk != node || hidden {
			s.writeError(w, r, errorf(ErrNotFound, "Not found"))
			return
		}
		// A hop carries the first 2 or 3 bytes of the key; an advert the whole key.
		q.HeardKeys = []string{node, node[:6], node[:4]}
	}
	rows, truncated, err := s.rxRows(r, days, q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if node != "" {
		rows = analytics.OnlyNode(rows, node, h)
	}
	fc := analytics.ComputeCoverage(rows, res, h)
	fc.Truncated = fc.Truncated || truncated
	if node != "" {
		n, c := len(rows), analytics.CountClients(rows)
		fc.MobileReceptions, fc.MobileClients = &n, &c
	}
	writeJSON(w, http.StatusOK, fc)
}

// getRxLeaderboard ranks the mobile receivers over ?days= (api.md §3.9 #46).
func (s *Server) getRxLeaderboard(w http.ResponseWriter, r *http.Request) {
	if !s.opts.UI.ClientRxCoverage {
		s.writeError(w, r, errRxCoverageOff)
		return
	}
	qv := r.URL.Query()
	days, err := parseDays(qv.Get("days"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	limit := 20
	if v := strings.TrimSpace(qv.Get("limit")); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 100 {
			s.writeError(w, r, errorf(ErrBadRequest, "limit must be an integer from 1 to 100"))
			return
		}
	}
	h, err := s.heardResolver(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rows, _, err := s.rxRows(r, days, storage.ClientRxQuery{})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	names, err := storage.ClientObserverNames(r.Context(), s.opts.DB)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for id := range names {
		if s.hide.observer(id) || s.hide.observer(strings.ToUpper(id)) {
			delete(names, id)
		}
	}
	out := analytics.ComputeRxLeaderboard(rows, days, limit, names, h)
	kept := out.Observers[:0]
	for _, o := range out.Observers {
		if !s.hide.observer(o.Pubkey) && !s.hide.observer(strings.ToUpper(o.Pubkey)) {
			kept = append(kept, o)
		}
	}
	out.Observers = kept
	writeJSON(w, http.StatusOK, out)
}
