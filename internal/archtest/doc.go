// Package archtest holds no production code: its tests enforce the package layering described in
// AGENTS.md (import direction, third-party library confinement, and write SQL only in the write side).
package archtest
