// Package testutil holds helpers for tests only: real SQLite databases in t.TempDir()
// (OpenTestDB, CopyFixture), the shared captures read in place (SharedPath, LoadVectors),
// and a real Mosquitto broker on a free 127.0.0.1 port (StartMosquitto).
//
// Nothing outside _test.go files may import it.
package testutil
