package alerts

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// recentLimit bounds the resolved alerts the board keeps (in memory) for the Alerts page.
const recentLimit = 100

// Record is one alert as the Alerts page lists it.
type Record struct {
	Alert
	// Status is "firing" or "resolved".
	Status string
	Since  time.Time
	// Resolved is when it cleared (zero while firing).
	Resolved time.Time
	// Acked: an operator acknowledged this episode; Muted: its rule is muted.
	Acked, Muted bool
}

// boardState is what the side file (Options.StatePath) keeps across restarts.
type boardState struct {
	// Acked maps kind+"\x00"+subject to the acknowledged episode's start (RFC 3339),
	// so a later episode of the same alert is not acknowledged.
	Acked map[string]string `json:"acked"`
	// Muted are the rules (kinds) whose webhooks are not sent.
	Muted map[string]bool `json:"muted"`
}

// ErrUnknown is returned for an acknowledgement of no firing alert or a mute of no rule.
var ErrUnknown = errors.New("unknown alert")

// Board returns the firing alerts (oldest first) and then the recently resolved ones
// (newest first).
func (m *Manager) Board() []Record {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Record
	for k, e := range m.episodes {
		out = append(out, Record{Alert: e.alert, Status: "firing", Since: e.since,
			Acked: m.state.Acked[k] == stamp(e.since), Muted: m.state.Muted[e.alert.Kind]})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Since.Equal(out[j].Since) {
			return out[i].Since.Before(out[j].Since)
		}
		return out[i].key() < out[j].key()
	})
	for i := len(m.recent) - 1; i >= 0; i-- {
		r := m.recent[i]
		r.Muted = m.state.Muted[r.Kind]
		out = append(out, r)
	}
	return out
}

// Muted returns the muted rules.
func (m *Manager) Muted() map[string]bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]bool{}
	for k, v := range m.state.Muted {
		out[k] = v
	}
	return out
}

// Ack acknowledges the firing alert kind/subject and saves the state.
func (m *Manager) Ack(kind, subject string) error {
	m.mu.Lock()
	k := Alert{Kind: kind, Subject: subject}.key()
	e := m.episodes[k]
	if e == nil {
		m.mu.Unlock()
		return fmt.Errorf("acknowledge %s %q: %w", kind, subject, ErrUnknown)
	}
	m.state.Acked[k] = stamp(e.since)
	m.mu.Unlock()
	return m.saveState()
}

// Mute mutes (or unmutes) a rule: its alerts still show, but send no webhook.
func (m *Manager) Mute(kind string, muted bool) error {
	known := false
	for _, k := range Kinds() {
		known = known || k == kind
	}
	if !known {
		return fmt.Errorf("mute %q: %w", kind, ErrUnknown)
	}
	m.mu.Lock()
	if muted {
		m.state.Muted[kind] = true
	} else {
		delete(m.state.Muted, kind)
	}
	m.mu.Unlock()
	return m.saveState()
}

// resolvedLocked records a cleared episode for the board and forgets its acknowledgement.
func (m *Manager) resolvedLocked(e *episode, now time.Time) {
	k := e.alert.key()
	m.recent = append(m.recent, Record{Alert: e.alert, Status: "resolved", Since: e.since, Resolved: now,
		Acked: m.state.Acked[k] == stamp(e.since)})
	if len(m.recent) > recentLimit {
		m.recent = m.recent[len(m.recent)-recentLimit:]
	}
	if m.state.Acked[k] == stamp(e.since) {
		delete(m.state.Acked, k)
	}
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// loadState reads the side file; a missing file is an empty state, a bad one is logged
// and ignored (acknowledgements are a convenience, not worth refusing to start).
func (m *Manager) loadState() {
	m.state = boardState{Acked: map[string]string{}, Muted: map[string]bool{}}
	if m.opts.StatePath == "" {
		return
	}
	b, err := os.ReadFile(m.opts.StatePath)
	if errors.Is(err, os.ErrNotExist) {
		return
	}
	var s boardState
	if err == nil {
		err = json.Unmarshal(b, &s)
	}
	if err != nil {
		m.log.Warn("read alert state, starting empty", "path", m.opts.StatePath, "err", err)
		return
	}
	for k, v := range s.Acked {
		m.state.Acked[k] = v
	}
	for k, v := range s.Muted {
		if v {
			m.state.Muted[k] = true
		}
	}
}

// saveState writes the side file atomically (temp file, rename); without StatePath the
// state lives in memory only.
func (m *Manager) saveState() error {
	if m.opts.StatePath == "" {
		return nil
	}
	m.mu.Lock()
	b, err := json.MarshalIndent(m.state, "", "  ")
	m.mu.Unlock()
	if err != nil {
		return fmt.Errorf("encode alert state: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(m.opts.StatePath), ".alerts-state-*")
	if err != nil {
		return fmt.Errorf("save alert state: %w", err)
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save alert state: %w", err)
	}
	if err := os.Rename(tmp.Name(), m.opts.StatePath); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save alert state: %w", err)
	}
	return nil
}
