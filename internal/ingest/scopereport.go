package ingest

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"
)

// fullKey is a complete 32-byte node public key in lower-case hex.
var fullKey = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Bounds on one scope report: the firmware caps a /neighbors report at 10 kB, so
// anything beyond these is truncated rather than trusted.
const (
	maxScopeNeighbours = 256
	maxScopesPerAnswer = 64
	maxScopeNameLen    = 32
)

// scopeAnswer is one scope_answers row: what one source said about one node's
// configured scopes. responded=false rows are kept for the record but never win.
type scopeAnswer struct {
	nodePubkey, sourceKind, sourceID, status, answeredAt string
	scopes                                               []string
	deniesUnscoped                                       *bool
	responded                                            bool
}

// scopeEntry is one node in a report: the observer's own entry or a neighbour. Key
// variants are accepted because the payload is not specified anywhere (docs/scopes.md).
type scopeEntry struct {
	Pubkey    json.RawMessage `json:"pubkey"`
	PublicKey json.RawMessage `json:"public_key"`
	Key       json.RawMessage `json:"key"`
	Scopes    json.RawMessage `json:"scopes"`
	Regions   json.RawMessage `json:"regions"`
	Status    json.RawMessage `json:"status"`
	Responded json.RawMessage `json:"responded"`
	Deny      json.RawMessage `json:"deny_unscoped"`
	Denyf     json.RawMessage `json:"denyf"`
}

// neighboursReport is the meshcore/<IATA>/<OBSERVER>/neighbors payload.
type neighboursReport struct {
	Self       json.RawMessage `json:"self"`
	Neighbors  []scopeEntry    `json:"neighbors"`
	Neighbours []scopeEntry    `json:"neighbours"`
	Timestamp  json.RawMessage `json:"timestamp"`
}

// regionsAnswer is the meshcore/client/<PUBKEY>/regions payload.
type regionsAnswer struct {
	Target    json.RawMessage `json:"target"`
	Regions   json.RawMessage `json:"regions"`
	Timestamp json.RawMessage `json:"timestamp"`
}

// parseNeighbours turns an observer's neighbour report into scope answers: the
// observer's own scopes (always confirmed) and one answer per neighbour, confirmed
// only when its status says it responded. Neighbours missing from the report get no
// row, so a truncated report never clears what is known.
func (in *Ingester) parseNeighbours(source string, tp topicInfo, payload []byte, at time.Time) (*item, string) {
	var rep neighboursReport
	if err := json.Unmarshal(payload, &rep); err != nil {
		in.bad.note("malformed_json", "neighbour report does not parse", "err", err.Error())
		return nil, ""
	}
	observer := strings.ToLower(tp.observer)
	when := resolveRxTime(str(rep.Timestamp), at)
	var out []scopeAnswer
	if self, ok := in.selfEntry(rep.Self); ok && fullKey.MatchString(observer) {
		a, ok := in.answerFrom(self, observer, "neighbors_self", observer, when, true)
		if ok {
			out = append(out, a)
		}
	}
	list := rep.Neighbors
	if len(list) == 0 {
		list = rep.Neighbours
	}
	if len(list) > maxScopeNeighbours {
		in.bad.note("absurd_value", "neighbour report truncated", "neighbours", len(list))
		list = list[:maxScopeNeighbours]
	}
	for i := range list {
		e := &list[i]
		key := strings.ToLower(str(first(e.Pubkey, e.PublicKey, e.Key)))
		if !clientKey.MatchString(key) {
			in.bad.note("absurd_value", "neighbour entry without a hex key skipped")
			continue
		}
		if len(key) < 64 && in.res != nil {
			if full := in.res.unique(key); full != "" {
				key = full
			}
		}
		if a, ok := in.answerFrom(e, key, "neighbors", observer, when, false); ok {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil, "scope_report_empty"
	}
	return &item{kind: kindScopes, source: source, at: at, scopes: out}, ""
}

// parseRegions stores a client app's region answer; an empty array is a real answer
// (the node serves no region), a missing or non-array field is bad input.
func (in *Ingester) parseRegions(source string, tp topicInfo, payload []byte, at time.Time) (*item, string) {
	client := strings.ToLower(tp.observer)
	if !clientKey.MatchString(client) {
		in.bad.note("unknown_topic", "client regions topic with a bad public key")
		return nil, ""
	}
	var p regionsAnswer
	if err := json.Unmarshal(payload, &p); err != nil {
		in.bad.note("malformed_json", "client regions answer does not parse", "err", err.Error())
		return nil, ""
	}
	target := strings.ToLower(str(p.Target))
	if !fullKey.MatchString(target) {
		in.bad.note("absurd_value", "client regions answer without a 64-hex target")
		return nil, ""
	}
	e := &scopeEntry{Regions: p.Regions}
	a, ok := in.answerFrom(e, target, "client_regions", client, resolveRxTime(str(p.Timestamp), at), true)
	if !ok {
		return nil, ""
	}
	return &item{kind: kindScopes, source: source, at: at, scopes: []scopeAnswer{a}}, ""
}

// selfEntry accepts self as an object ({scopes:[…]}) or a bare array of scopes.
func (in *Ingester) selfEntry(raw json.RawMessage) (*scopeEntry, bool) {
	raw = json.RawMessage(strings.TrimSpace(string(raw)))
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return nil, false
	case raw[0] == '[':
		return &scopeEntry{Scopes: raw}, true
	}
	var e scopeEntry
	if err := json.Unmarshal(raw, &e); err != nil {
		in.bad.note("malformed_json", "neighbour report self entry does not parse", "err", err.Error())
		return nil, false
	}
	return &e, true
}

// answerFrom builds one answer. confirmed forces responded (the observer's own
// configuration, a client's answer); otherwise the entry's status decides.
func (in *Ingester) answerFrom(e *scopeEntry, node, kind, sourceID, when string, confirmed bool) (scopeAnswer, bool) {
	a := scopeAnswer{nodePubkey: node, sourceKind: kind, sourceID: sourceID, answeredAt: when,
		status: clip(strings.ToLower(str(e.Status)), 32)}
	a.responded = confirmed || respondedStatus(a.status) || string(e.Responded) == "true"
	scopes, ok := in.scopeList(first(e.Scopes, e.Regions))
	if !ok {
		if a.responded {
			return a, false // a confirmed answer must say which scopes
		}
		scopes = []string{}
	}
	a.scopes = scopes
	switch {
	case string(e.Deny) == "true" || str(e.Denyf) == "*" || string(e.Denyf) == "true":
		t := true
		a.deniesUnscoped = &t
	case string(e.Deny) == "false" || string(e.Denyf) == "false":
		f := false
		a.deniesUnscoped = &f
	}
	return a, true
}

// respondedStatus lists the status words that mean the over-the-air query was answered.
func respondedStatus(s string) bool {
	switch s {
	case "ok", "responded", "response", "answered", "success", "done":
		return true
	}
	return false
}

// scopeList parses an array of scope names: each trimmed, '#' added when neither '#'
// nor '$' leads, bad or overlong names skipped (counted), duplicates dropped.
func (in *Ingester) scopeList(raw json.RawMessage) ([]string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, false
	}
	var vals []json.RawMessage
	if err := json.Unmarshal(raw, &vals); err != nil {
		in.bad.note("malformed_json", "scope list is not an array", "err", err.Error())
		return nil, false
	}
	out := []string{}
	seen := map[string]bool{}
	for _, v := range vals {
		name := normaliseScope(str(v))
		if name == "" {
			in.bad.note("absurd_value", "scope name skipped", "prefix", quotedPrefix(string(v)))
			continue
		}
		if !seen[name] && len(out) < maxScopesPerAnswer {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out, true
}

// normaliseScope returns the canonical "#name" form, or "" for an unusable name.
func normaliseScope(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || s == "#" || len(s) > maxScopeNameLen {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '-' && c != '_' && c != '.' && !(i == 0 && (c == '#' || c == '$')) {
			return ""
		}
	}
	if s[0] != '#' && s[0] != '$' {
		s = "#" + s
	}
	return s
}
