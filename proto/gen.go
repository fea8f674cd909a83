// Package proto holds CoreScope's API contract (.proto) and its generated Go code; run
// `go generate ./proto/` (needs protoc and protoc-gen-go on PATH) to regenerate.
package proto

//go:generate protoc --go_out=. --go_opt=paths=source_relative corescope/v1/api.proto
