// Package hops resolves path-hash prefixes to candidate nodes and derives neighbour
// edges from receptions (storage spec §2.4, §2.5). Everything is pure: functions over
// a node key list, no I/O, no clocks, no package-level mutable state; malformed input
// yields no candidates rather than a panic.
package hops
