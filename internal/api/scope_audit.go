package api

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/corescope/corescope/internal/analytics"
)

// auditMismatchKinds are the values the mismatch= filter accepts.
var auditMismatchKinds = []string{analytics.MismatchUndeclaredScope, analytics.MismatchUnscopedRelay, analytics.MismatchUnforwardedScope}

// getScopeAudit serves the Scope Audit (GET /api/scopes/audit): every repeater's
// declared, configured and transported scopes with its verdict, as JSON or, with
// format=csv, as a CSV file of the same filtered, sorted rows.
func (s *Server) getScopeAudit(w http.ResponseWriter, r *http.Request) {
	q, csvOut, err := parseScopeAuditQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	e, err := s.nodeEnrichment()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	all, err := s.store.Nodes()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	in := make([]analytics.ScopeAuditNode, 0, len(all))
	for i := range all {
		n := &all[i]
		if s.hide.node(n) {
			continue
		}
		j := nodeJSON(n)
		s.enrichScopes(&j, e.scopes)
		a := analytics.ScopeAuditNode{PublicKey: j.PublicKey, Name: deref(j.Name), Role: deref(j.Role), LastSeen: deref(j.LastSeen),
			Declared: list(j.DeclaredRegions), Seen: e.scopes.relays[strings.ToLower(j.PublicKey)]}
		if c, ok := e.scopes.configs[strings.ToLower(j.PublicKey)]; ok {
			a.Config = analytics.ScopeConfig{Known: true, Scopes: c.Scopes, DeniesUnscoped: c.DeniesUnscoped}
			a.ConfigSource, a.ConfigAnsweredAt = c.SourceKind, c.AnsweredAt
		}
		in = append(in, a)
	}
	audit := analytics.BuildScopeAudit(in, q)
	if !csvOut {
		writeJSON(w, http.StatusOK, audit)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="scope-audit.csv"`)
	w.WriteHeader(http.StatusOK)
	if err := writeScopeAuditCSV(w, audit.Rows); err != nil {
		s.log.Warn("write scope audit csv", "err", err)
	}
}

// parseScopeAuditQuery reads state=, mismatch= (lists, 400 on an unknown value),
// scope=, q=, sort= (400 on an unknown key), order=asc|desc and format=json|csv.
func parseScopeAuditQuery(r *http.Request) (analytics.ScopeAuditQuery, bool, error) {
	v := r.URL.Query()
	var q analytics.ScopeAuditQuery
	var err error
	if q.States, err = parseList("state", v.Get("state"), len(scopeStates)); err != nil {
		return q, false, err
	}
	for _, st := range q.States {
		if !slices.Contains(scopeStates, st) {
			return q, false, errorf(ErrBadRequest, "state must be one of "+strings.Join(scopeStates, ", "))
		}
	}
	if q.Mismatches, err = parseList("mismatch", v.Get("mismatch"), len(auditMismatchKinds)); err != nil {
		return q, false, err
	}
	for _, m := range q.Mismatches {
		if !slices.Contains(auditMismatchKinds, m) {
			return q, false, errorf(ErrBadRequest, "mismatch must be one of "+strings.Join(auditMismatchKinds, ", "))
		}
	}
	q.Scope, q.Search = strings.TrimSpace(v.Get("scope")), strings.TrimSpace(v.Get("q"))
	if len(q.Scope) > 64 || len(q.Search) > 128 {
		return q, false, errorf(ErrBadRequest, "scope is limited to 64 characters and q to 128")
	}
	if q.Sort = v.Get("sort"); q.Sort != "" && !slices.Contains(analytics.ScopeAuditSorts, q.Sort) {
		return q, false, errorf(ErrBadRequest, "sort must be one of "+strings.Join(analytics.ScopeAuditSorts, ", "))
	}
	switch v.Get("order") {
	case "", "asc":
	case "desc":
		q.Desc = true
	default:
		return q, false, errorf(ErrBadRequest, "order must be asc or desc")
	}
	switch v.Get("format") {
	case "", "json":
		return q, false, nil
	case "csv":
		return q, true, nil
	}
	return q, false, errorf(ErrBadRequest, "format must be json or csv")
}

// scopeAuditCSVHeader names the CSV columns; list cells join their values with spaces.
var scopeAuditCSVHeader = []string{"public_key", "name", "role", "scope_config_state", "declared_regions", "configured_scopes",
	"denies_unscoped", "configured_source", "configured_at", "transported_scopes", "unscoped_relay_count_24h", "scope_mismatches",
	"undeclared_scopes", "unforwarded_regions", "last_seen"}

// writeScopeAuditCSV writes the rows as CSV. An unknown configuration leaves
// configured_scopes empty; a configuration with no scope writes "(none)". Cells that a
// spreadsheet would run as a formula are prefixed with a quote.
func writeScopeAuditCSV(w http.ResponseWriter, rows []analytics.ScopeAuditRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(scopeAuditCSVHeader); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	for i := range rows {
		r := &rows[i]
		configured := ""
		if r.Configured != nil {
			configured = strings.Join(r.Configured, " ")
			if configured == "" {
				configured = "(none)"
			}
		}
		denies := ""
		if r.DeniesUnscoped != nil {
			denies = strconv.FormatBool(*r.DeniesUnscoped)
		}
		rec := []string{r.PublicKey, csvSafe(r.Name), r.Role, r.State, strings.Join(r.Declared, " "), configured, denies,
			r.ConfigSource, r.ConfigAnsweredAt, strings.Join(r.Transported, " "), strconv.Itoa(r.Unscoped24h),
			strings.Join(r.Mismatches, " "), strings.Join(r.UndeclaredScopes, " "), strings.Join(r.UnforwardedRegions, " "), r.LastSeen}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write csv row: %w", err)
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a node name (attacker-chosen) from being run as a spreadsheet formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
