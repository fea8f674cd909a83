package api

import "github.com/getkin/kin-openapi/openapi3"

// edgeScoreDoc defines a neighbour edge's score for the OpenAPI descriptions.
const edgeScoreDoc = "weight/100 capped at 1, halved for every 7 days since the edge was last seen; not relative to the strongest edge"

// hopDoc sets a schema's description (the hop-resolution definitions the endpoints
// share with the existing system, parity.md §3).
func hopDoc(s *openapi3.Schema, desc string) *openapi3.Schema {
	s.Description = desc
	return s
}
