// Package faults holds the fault-injection tests of issue #10: real binaries built with
// `go build`, a real Mosquitto, real SQLite files, 127.0.0.1 only. Each test kills,
// locks, fills or lies to one part of the running stack and then waits (with generous
// deadlines, never timed assertions) until the stack shows it survived. Results are
// recorded in docs/reliability.md. The package has no non-test code.
package faults
