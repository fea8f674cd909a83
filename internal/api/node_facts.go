package api

import (
	"strings"
	"time"
)

// NodeFact is one node's advertised identity as the node-change alerts read it
// (cmd/server copies it into alerts.NodeFact).
type NodeFact struct {
	Key, Name string
	// Relay: a repeater or room.
	Relay bool
	// HasPos: Lat/Lon are known (0,0 counts as unknown, as on the map).
	HasPos   bool
	Lat, Lon float64
	// FirstSeen is first_seen (zero when absent).
	FirstSeen time.Time
}

// NodeFacts returns every node's name, role, position and first sighting from the store.
func (s *Server) NodeFacts() ([]NodeFact, error) {
	rows, err := s.store.Nodes()
	if err != nil {
		return nil, err
	}
	out := make([]NodeFact, 0, len(rows))
	for _, r := range rows {
		role := strings.ToLower(deref(r.Role))
		f := NodeFact{Key: strings.ToLower(r.PublicKey), Name: deref(r.Name), Relay: role == "repeater" || role == "room",
			FirstSeen: parseISO(r.FirstSeen)}
		if r.Lat != nil && r.Lon != nil && (*r.Lat != 0 || *r.Lon != 0) {
			f.HasPos, f.Lat, f.Lon = true, *r.Lat, *r.Lon
		}
		out = append(out, f)
	}
	return out, nil
}
