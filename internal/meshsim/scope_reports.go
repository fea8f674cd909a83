package meshsim

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
)

// neighbourEntry and neighboursBody are the …/neighbors report an ESP32 observer
// publishes: its own configuration and what its zero-hop repeater neighbours answered.
type neighbourEntry struct {
	Pubkey       string   `json:"pubkey"`
	Scopes       []string `json:"scopes"`
	DenyUnscoped bool     `json:"deny_unscoped"`
	Status       string   `json:"status"`
}

type neighboursBody struct {
	Timestamp string `json:"timestamp"`
	Self      struct {
		Scopes       []string `json:"scopes"`
		DenyUnscoped bool     `json:"deny_unscoped"`
	} `json:"self"`
	Neighbors []neighbourEntry `json:"neighbors"`
}

// scopeReports returns every observer's …/neighbors report plus one client app's
// …/regions answer about a configured repeater. A share of neighbour queries time out
// (Options.NeighborFailShare); a misconfigured repeater always answers, so the audit's
// ground truth is knowable.
func (g *Generator) scopeReports(at time.Time) ([]Message, error) {
	if g.scopeRng == nil {
		g.scopeRng = rand.New(rand.NewPCG(g.w.opts.Seed, 0x6e65696768))
	}
	var out []Message
	for _, o := range g.w.Observers {
		var b neighboursBody
		b.Timestamp = at.UTC().Format(time.RFC3339)
		b.Self.Scopes, b.Self.DenyUnscoped = configOf(o.Node)
		for _, l := range o.Node.links {
			n := l.to
			if n.Role != meshcore.RoleRepeater || l.rssi-noiseFloorDBm < minSNR+4 {
				continue
			}
			e := neighbourEntry{Pubkey: hexString(n.Pub), Status: "ok"}
			e.Scopes, e.DenyUnscoped = configOf(n)
			if (n.Scope == nil || n.Scope.Misconfig == "") && g.scopeRng.Float64() < g.w.opts.NeighborFailShare {
				e.Status, e.Scopes, e.DenyUnscoped = "timeout", []string{}, false
			}
			b.Neighbors = append(b.Neighbors, e)
		}
		body, err := json.Marshal(b)
		if err != nil {
			return nil, fmt.Errorf("marshal neighbours report: %w", err)
		}
		out = append(out, Message{Topic: "meshcore/" + o.IATA + "/" + o.ID + "/neighbors", Payload: body, At: at})
	}
	if m, ok, err := g.clientRegions(at); err != nil {
		return nil, err
	} else if ok {
		out = append(out, m)
	}
	return out, nil
}

// clientRegions is a phone app's answer to a regions query it sent a configured repeater.
func (g *Generator) clientRegions(at time.Time) (Message, bool, error) {
	var clients, targets []*Node
	for _, n := range g.w.Nodes {
		switch {
		case n.Role == meshcore.RoleCompanion:
			clients = append(clients, n)
		case n.Role == meshcore.RoleRepeater && n.Scope != nil:
			targets = append(targets, n)
		}
	}
	if len(clients) == 0 || len(targets) == 0 {
		return Message{}, false, nil
	}
	c, t := clients[g.scopeRng.IntN(len(clients))], targets[g.scopeRng.IntN(len(targets))]
	scopes, _ := configOf(t)
	body, err := json.Marshal(map[string]any{"target": hexString(t.Pub), "regions": scopes, "timestamp": at.UTC().Format(time.RFC3339)})
	if err != nil {
		return Message{}, false, fmt.Errorf("marshal regions answer: %w", err)
	}
	return Message{Topic: "meshcore/client/" + strings.ToUpper(hexString(c.Pub)) + "/regions", Payload: body, At: at}, true, nil
}

// configOf is the configuration a node reports (an unconfigured one: no scope, no denyf).
func configOf(n *Node) ([]string, bool) {
	if n.Scope == nil {
		return []string{}, false
	}
	return append([]string{}, n.Scope.Allowed...), n.Scope.DenyUnscoped
}
