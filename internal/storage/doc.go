// Package storage is the read side's SQL: read-only queries over the ingestor's
// database returning plain structs (storage spec §3). The in-memory store
// (internal/store) loads and follows the database only through this package.
//
// Every function takes a *sql.DB opened read-only by the caller
// (schema.OpenReadOnly) and never writes. Nullable columns come back as
// sql.Null values, so callers decide how to represent absence.
package storage
