package meshsim

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/meshcore"
)

// TestScopes_ForwardingFollowsConfiguration decodes every generated flood and checks,
// hop by hop, that a correctly configured `denyf *` repeater only ever relays its allowed
// region, while each misconfigured one is seen doing exactly what the ground truth says.
func TestScopes_ForwardingFollowsConfiguration(t *testing.T) {
	o := DefaultOptions()
	o.HashSizeShares, o.Collisions, o.ScopedShare, o.ScopedRepeaters, o.Misconfigured = [3]float64{0, 0, 1}, 0, 0.3, 0.6, 4
	w, msgs := generate(t, o, 3000)
	truth := w.Misconfigured()
	if len(truth) < 2 {
		t.Fatalf("%d misconfigured repeaters", len(truth))
	}
	byPrefix := map[string]*Node{}
	for _, n := range w.Nodes {
		byPrefix[hexString(n.Prefix(3))] = n
	}
	regions := w.ScopeRegions()
	seenMisbehaving := map[string]bool{}
	relays := 0
	for _, m := range msgs {
		if m.Info == nil {
			continue
		}
		var body struct{ Raw string }
		json.Unmarshal(m.Payload, &body)
		pk, err := meshcore.DecodeHex(body.Raw, meshcore.DecodeOptions{SkipSignatureCheck: true})
		if err != nil || !pk.RouteType().IsFlood() || pk.Path.HashSize != 3 {
			continue
		}
		scope, _ := pk.MatchScope(regions)
		for i := 0; i < pk.Path.Len(); i++ {
			n := byPrefix[hexString(pk.Path.Hop(i))]
			if n == nil || n.Scope == nil || !n.Scope.DenyUnscoped {
				continue
			}
			relays++
			allowed := scope != "" && slices.Contains(n.Scope.Allowed, scope)
			if allowed {
				continue
			}
			kind := MisconfigUnscoped
			if scope != "" {
				kind = MisconfigForeignScope
			}
			if n.Scope.Misconfig != kind {
				t.Fatalf("repeater %s (allowed %v, misconfig %q) relayed scope %q", n.Name, n.Scope.Allowed, n.Scope.Misconfig, scope)
			}
			seenMisbehaving[hexString(n.Pub)] = true
		}
	}
	for pk, kind := range truth {
		if !seenMisbehaving[pk] {
			t.Errorf("misconfigured %s (%s) never seen misbehaving", pk[:8], kind)
		}
	}
	if relays == 0 {
		t.Fatal("no relay by a scoped repeater")
	}
}

// TestScopes_ReportsAnswerWithTheConfiguration checks the /neighbors reports: every
// confirmed neighbour answer carries that repeater's configuration, misconfigured
// repeaters always answer, and some queries time out.
func TestScopes_ReportsAnswerWithTheConfiguration(t *testing.T) {
	w, msgs := generate(t, DefaultOptions(), 50)
	byKey := map[string]*Node{}
	for _, n := range w.Nodes {
		byKey[hexString(n.Pub)] = n
	}
	reports, ok, timeouts, clients := 0, 0, 0, 0
	for _, m := range msgs {
		switch {
		case strings.HasSuffix(m.Topic, "/regions"):
			clients++
			var b struct {
				Target  string
				Regions []string
			}
			if err := json.Unmarshal(m.Payload, &b); err != nil || byKey[b.Target] == nil || b.Regions == nil {
				t.Fatalf("regions answer %s: %v", m.Payload, err)
			}
			continue
		case !strings.HasSuffix(m.Topic, "/neighbors"):
			continue
		}
		reports++
		var b neighboursBody
		if err := json.Unmarshal(m.Payload, &b); err != nil || !bytes.Contains(m.Payload, []byte(`"self"`)) {
			t.Fatalf("report %s: %v", m.Payload, err)
		}
		for _, e := range b.Neighbors {
			n := byKey[e.Pubkey]
			if n == nil {
				t.Fatalf("report names unknown node %s", e.Pubkey)
			}
			want, deny := configOf(n)
			switch e.Status {
			case "ok":
				ok++
				if !slices.Equal(e.Scopes, want) || e.DenyUnscoped != deny {
					t.Errorf("%s answered %v/%v, configured %v/%v", n.Name, e.Scopes, e.DenyUnscoped, want, deny)
				}
			case "timeout":
				timeouts++
				if n.Scope != nil && n.Scope.Misconfig != "" {
					t.Errorf("misconfigured %s did not answer", n.Name)
				}
			}
		}
	}
	if reports != len(w.Observers) || ok == 0 || timeouts == 0 || clients != 1 {
		t.Errorf("%d reports (want %d), %d answered, %d timed out, %d client answers (want 1)", reports, len(w.Observers), ok, timeouts, clients)
	}
}
