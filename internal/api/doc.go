// Package api serves CoreScope's REST API: one route table drives handler registration,
// the OpenAPI document and the contract tests; handlers are methods on Server, one file
// per resource, answering in the shapes of api.md.
//
// # Single source of truth
//
// routes.go lists every endpoint once (method, path, handler, auth, readiness gate, query
// parameters, request/response schema names). From it:
//
//   - Server.Handler registers each route on one net/http ServeMux with its method
//     pattern, wrapping auth (X-API-Key, constant-time) and the readiness gate per route;
//   - BuildSpec generates the OpenAPI 3.0.3 document served at /api/spec (schemas in
//     schemas.go), validated with kin-openapi and pinned by testdata/openapi.golden.json;
//   - proto/corescope/v1/api.proto declares one RPC per route with a (corescope.v1.http)
//     option; contract_test.go fails when routes.go, the OpenAPI paths and the proto
//     routes disagree in either direction, and calls every route on the fixture database,
//     validating each response against the document with openapi3filter.
//
// # Data
//
// Handlers read through the Store interface (store.go). StoreView (storeview*.go)
// implements it over the in-memory internal/store and the internal/analytics neighbour
// graph; store events reach the WebSocket hub through ForwardEvents. Full passes use
// the Scan/Summaries/observer methods (batched copies), and hot answers are cached as
// encoded bytes in internal/cache instances (caches.go), keyed by the path and the
// route's documented query parameters (cache_keys.go) and rebuilt in the background
// after a store change while the previous answer is served (respcache.go).
package api
