package api

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"
)

// AlertRecord is one alert on GET /api/alerts.
type AlertRecord struct {
	Kind    string `json:"kind"`
	Subject string `json:"subject"`
	Name    string `json:"name,omitempty"`
	Message string `json:"message"`
	// Status is "firing" or "resolved"; Since and Resolved are RFC 3339 ("" while firing).
	Status   string `json:"status"`
	Since    string `json:"since"`
	Resolved string `json:"resolved,omitempty"`
	Acked    bool   `json:"acked"`
	Muted    bool   `json:"muted"`
}

// AlertRule is one rule (alert kind) and whether it is muted.
type AlertRule struct {
	Kind  string `json:"kind"`
	Muted bool   `json:"muted"`
}

// AlertList is GET /api/alerts: firing alerts oldest first, then recently resolved ones.
type AlertList struct {
	Alerts []AlertRecord `json:"alerts"`
	Rules  []AlertRule   `json:"rules"`
}

// AlertBoard is the alert manager as the API sees it (cmd/server adapts *alerts.Manager).
type AlertBoard interface {
	List() AlertList
	// Ack and Mute return an error wrapping ErrNotFound for no such alert or rule.
	Ack(kind, subject string) error
	Mute(kind string, muted bool) error
}

// alertSchemas are the components.schemas of the alert routes.
func alertSchemas() map[string]*openapi3.Schema {
	return map[string]*openapi3.Schema{
		"AlertList": obj("alerts", arr(obj("kind", str(), "subject", str(), "name?", str(), "message", str(), "status", str(),
			"since", str(), "resolved?", str(), "acked", boolS(), "muted", boolS())), "rules", arr(obj("kind", str(), "muted", boolS()))),
		"AlertAck":  obj("kind", str(), "subject", str()),
		"AlertMute": obj("kind", str(), "muted", boolS()),
	}
}

func (s *Server) getAlerts(w http.ResponseWriter, r *http.Request) {
	out := AlertList{Alerts: []AlertRecord{}, Rules: []AlertRule{}}
	if s.opts.Alerts != nil {
		out = s.opts.Alerts.List()
	}
	writeJSON(w, http.StatusOK, out)
}

// readAlertBody decodes a small JSON body; false after writing the 400.
func (s *Server) readAlertBody(w http.ResponseWriter, r *http.Request, v any) bool {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		s.writeError(w, r, errorf(ErrBadRequest, "invalid JSON body"))
		return false
	}
	if s.opts.Alerts == nil {
		s.writeError(w, r, errorf(ErrNotFound, "alerts are not enabled"))
		return false
	}
	return true
}

func (s *Server) postAlertAck(w http.ResponseWriter, r *http.Request) {
	var body struct{ Kind, Subject string }
	if !s.readAlertBody(w, r, &body) {
		return
	}
	if err := s.opts.Alerts.Ack(body.Kind, body.Subject); err != nil {
		s.writeError(w, r, alertErr(err, "no firing alert with that kind and subject"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

func (s *Server) postAlertMute(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Kind  string
		Muted bool
	}
	if !s.readAlertBody(w, r, &body) {
		return
	}
	if err := s.opts.Alerts.Mute(body.Kind, body.Muted); err != nil {
		s.writeError(w, r, alertErr(err, "no alert rule with that kind"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

// alertErr maps the board's "unknown" to 404 with msg; anything else (a failed side-file
// write) is a 500, logged by writeError.
func alertErr(err error, msg string) error {
	if errors.Is(err, ErrNotFound) {
		return errorf(ErrNotFound, msg)
	}
	return err
}
