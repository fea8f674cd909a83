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

// Opt is a value a row may leave out: absent when unset, else written as V (null for a
// nil pointer), for rows whose key appears only in some cases.
type Opt[T any] struct {
	Set bool
	V   T
}

// Some is a set Opt.
func Some[T any](v T) Opt[T] { return Opt[T]{Set: true, V: v} }

// IsZero lets `omitzero` drop an unset value.
func (o Opt[T]) IsZero() bool { return !o.Set }

// MarshalJSON writes V.
func (o Opt[T]) MarshalJSON() ([]byte, error) { return json.Marshal(o.V) }
