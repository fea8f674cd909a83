package live

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
)

// Filter narrows what one client receives; the zero Filter passes everything.
type Filter struct {
	Regions      map[string]bool
	PayloadTypes map[int]bool
	Node         string
	// Scopes are transport scopes (filter_scope.go); empty passes every packet.
	Scopes scopeSet
}

func (f *Filter) match(m *Message) bool {
	if f == nil {
		return true
	}
	if len(f.Regions) > 0 && !f.Regions[strings.ToUpper(m.IATA)] {
		return false
	}
	if len(f.PayloadTypes) > 0 && !f.PayloadTypes[m.PayloadType] {
		return false
	}
	if !f.Scopes.match(m.Scope) {
		return false
	}
	if f.Node != "" {
		for _, n := range m.Nodes {
			if strings.HasPrefix(n, f.Node) {
				return true
			}
		}
		return false
	}
	return true
}

// subscribeMsg is the optional client message {"type":"subscribe", "region", "types", "node", "scope"}.
type subscribeMsg struct {
	Type   string `json:"type"`
	Region string `json:"region"`
	Types  []int  `json:"types"`
	Node   string `json:"node"`
	Scope  string `json:"scope"`
}

// FilterFromQuery reads region (comma IATA list), type (comma payload types), node and
// scope (comma scope names, "unscoped", "unknown").
func FilterFromQuery(q url.Values) *Filter {
	var types []int
	for _, s := range splitComma(q.Get("type")) {
		if n, err := strconv.Atoi(s); err == nil {
			types = append(types, n)
		}
	}
	return newFilter(q.Get("region"), types, q.Get("node"), q.Get("scope"))
}

// parseSubscribe decodes a client message; ok is false for anything that is not a subscribe.
func parseSubscribe(b []byte) (*Filter, bool) {
	var m subscribeMsg
	if err := json.Unmarshal(b, &m); err != nil || m.Type != "subscribe" {
		return nil, false
	}
	return newFilter(m.Region, m.Types, m.Node, m.Scope), true
}

func newFilter(region string, types []int, node, scope string) *Filter {
	f := &Filter{Node: strings.ToLower(strings.TrimSpace(node)), Scopes: parseScopes(scope)}
	for _, r := range splitComma(region) {
		if r = strings.ToUpper(r); r != "ALL" {
			if f.Regions == nil {
				f.Regions = map[string]bool{}
			}
			f.Regions[r] = true
		}
	}
	for _, t := range types {
		if f.PayloadTypes == nil {
			f.PayloadTypes = map[int]bool{}
		}
		f.PayloadTypes[t] = true
	}
	if len(f.Regions) == 0 && len(f.PayloadTypes) == 0 && f.Node == "" && len(f.Scopes) == 0 {
		return nil
	}
	return f
}

func splitComma(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
