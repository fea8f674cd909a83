package alerts

import (
	"context"
	"sort"
	"testing"
	"time"
)

// TestManager_ScopeMismatchHeldForTheLimit: a repeater in mismatch fires only once it has
// been so for ScopeMismatch, starts over when it leaves the state, and resolves; a region
// with a `denyf *` repeater fires once its repeaters' unscoped relays reach the limit.
func TestManager_ScopeMismatchHeldForTheLimit(t *testing.T) {
	r := newReceiver(t)
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	bad := ScopeRepeater{Key: "AA11", Name: "Hill", State: "mismatch", Mismatches: []string{"forwards_unscoped_while_denied"},
		Declared: []string{"#sjc"}, Configured: true, Unscoped24h: 3}
	open := ScopeRepeater{Key: "bb22", State: "open", Declared: []string{"#sjc", "#oak"}, Configured: true, Open: true, Unscoped24h: 2}
	list := []ScopeRepeater{bad, open}
	m := New(Options{Webhooks: []string{r.srv.URL}, ScopeMismatch: 2 * time.Hour, ScopeUnscopedRelays: 5,
		Now: func() time.Time { return now }, ScopeRepeaters: func() ([]ScopeRepeater, error) { return list, nil }})
	ctx := context.Background()
	step := func(d time.Duration, want string) {
		t.Helper()
		now = now.Add(d)
		m.Tick(ctx)
		evs := r.take()
		sort.Slice(evs, func(i, j int) bool { return evs[i].Kind < evs[j].Kind })
		if got := summary(evs); got != want {
			t.Fatalf("at +%s: got %q, want %q", now.Sub(time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)), got, want)
		}
	}
	// #sjc: scoped by "Hill", 3+2 unscoped relays reach 5; #oak has only an open repeater.
	step(0, "firing scope_unscoped_region #sjc")
	step(time.Hour, "")
	step(time.Hour, "firing scope_mismatch aa11")
	list = []ScopeRepeater{{Key: "aa11", State: "scoped", Declared: []string{"#sjc"}, Configured: true}, open}
	step(time.Minute, "resolved scope_mismatch aa11; resolved scope_unscoped_region #sjc")
	list = []ScopeRepeater{bad, open}
	step(time.Minute, "firing scope_unscoped_region #sjc") // the mismatch clock starts over
	step(2*time.Hour-time.Second, "")
	step(time.Second, "firing scope_mismatch aa11")
}
