// Package corescopev1 is the generated Go code of proto/corescope/v1/api.proto: the API
// message types and the CoreScopeAPI service whose methods carry each HTTP route.
package corescopev1
