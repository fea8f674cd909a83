package alerts

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Event is the JSON body POSTed to every webhook.
type Event struct {
	// Status is "firing" or "resolved".
	Status  string `json:"status"`
	Kind    string `json:"kind"`
	Subject string `json:"subject"`
	Name    string `json:"name,omitempty"`
	Message string `json:"message"`
	// Since is when this episode started (RFC 3339).
	Since string `json:"since"`
	// At is when the event was sent (RFC 3339).
	At string `json:"at"`
	// Reminder counts repeats of a still-firing alert (0 on the first notification).
	Reminder int `json:"reminder"`
	// Text is a one-line summary, which chat webhooks (Slack, Mattermost) display as is.
	Text string `json:"text"`
}

// episode is one alert from first detection until it is resolved.
type episode struct {
	alert     Alert
	since     time.Time
	lastSent  time.Time
	reminders int
	announced bool // the firing event was delivered
}

// Tick evaluates once and delivers what changed: new alerts, due reminders, resolutions.
// A delivery that fails is retried on the next tick.
func (m *Manager) Tick(ctx context.Context) {
	now := m.opts.Now()
	current := m.Evaluate(now)
	holding := map[string]bool{}
	for _, a := range current {
		k := a.key()
		holding[k] = true
		m.mu.Lock()
		e := m.episodes[k]
		if e == nil {
			e = &episode{alert: a, since: now}
			m.episodes[k] = e
		}
		e.alert.Message = a.Message
		due := !e.announced || m.opts.Renotify > 0 && now.Sub(e.lastSent) >= m.opts.Renotify
		ev := m.event("firing", e, now)
		muted := m.state.Muted[a.Kind]
		m.mu.Unlock()
		// A muted rule is still tracked (the board, the metrics) but sends nothing.
		if due && (muted || m.send(ctx, ev, now)) {
			m.mu.Lock()
			if e.announced {
				e.reminders++
			}
			e.announced, e.lastSent = true, now
			m.mu.Unlock()
		}
	}
	m.mu.Lock()
	var cleared []*episode
	for k, e := range m.episodes {
		if !holding[k] {
			cleared = append(cleared, e)
		}
	}
	m.mu.Unlock()
	for _, e := range cleared {
		m.mu.Lock()
		ev := m.event("resolved", e, now)
		announced, muted := e.announced, m.state.Muted[e.alert.Kind]
		m.mu.Unlock()
		if !announced || muted || m.send(ctx, ev, now) {
			m.mu.Lock()
			delete(m.episodes, e.alert.key())
			if announced {
				m.resolvedLocked(e, now)
			}
			m.mu.Unlock()
		}
	}
}

func (m *Manager) event(status string, e *episode, now time.Time) Event {
	a := e.alert
	text := fmt.Sprintf("[CoreScope] %s %s: %s", status, a.Kind, a.Message)
	if status == "resolved" {
		text = fmt.Sprintf("[CoreScope] resolved %s: %s (since %s)", a.Kind, a.Subject, e.since.UTC().Format(time.RFC3339))
	}
	rem := e.reminders
	if e.announced && status == "firing" {
		rem++
	}
	return Event{Status: status, Kind: a.Kind, Subject: a.Subject, Name: a.Name, Message: a.Message,
		Since: e.since.UTC().Format(time.RFC3339), At: now.UTC().Format(time.RFC3339), Reminder: rem, Text: text}
}

// send POSTs ev to every webhook; true when all accepted it (2xx).
func (m *Manager) send(ctx context.Context, ev Event, now time.Time) bool {
	body, err := json.Marshal(ev)
	if err != nil {
		m.logErr(now, "encode alert", err)
		return false
	}
	var errs []error
	for _, hook := range m.opts.Webhooks {
		if err := m.post(ctx, hook, body); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		m.logErr(now, "deliver alert", err)
		return false
	}
	if len(m.opts.Webhooks) > 0 {
		m.log.Info("alert delivered", "status", ev.Status, "kind", ev.Kind, "subject", ev.Subject)
	}
	return true
}

// post delivers body to hook. Errors name only the webhook's host: chat webhook URLs
// carry their secret in the path.
func (m *Manager) post(ctx context.Context, hook string, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, m.opts.Timeout)
	defer cancel()
	host := "webhook"
	if u, err := url.Parse(hook); err == nil {
		host = u.Host
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hook, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build request for %s: invalid webhook URL", host)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "CoreScope-alerts")
	resp, err := m.opts.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("post webhook %s: %w", host, err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("post webhook %s: status %d", host, resp.StatusCode)
	}
	return nil
}

// logErr logs at most one error per minute, so a dead receiver does not flood the log.
func (m *Manager) logErr(now time.Time, what string, err error) {
	m.mu.Lock()
	quiet := now.Sub(m.lastErr) < time.Minute
	if !quiet {
		m.lastErr = now
	}
	m.mu.Unlock()
	if !quiet {
		m.log.Warn(what, "err", err)
	}
}
