// Package api serves CoreScope's REST API: one route table (routes.go) drives handler
// registration, the OpenAPI document at /api/spec and the contract tests; handlers are
// methods on Server, one file per resource, answering in the shapes of api.md.
package api
