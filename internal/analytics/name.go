package analytics

import "encoding/json"

// NodeName is a node's name in a view row: absent when the row names no known node,
// null when the known node has none (the shape the endpoints have always had).
type NodeName struct {
	Known bool
	Name  *string
}

// IsZero lets `omitzero` drop an unknown name.
func (n NodeName) IsZero() bool { return !n.Known }

// MarshalJSON writes the name or null.
func (n NodeName) MarshalJSON() ([]byte, error) { return json.Marshal(n.Name) }
