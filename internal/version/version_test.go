package version

import (
	"runtime/debug"
	"testing"
)

func TestResolve_LinkerValuesWin(t *testing.T) {
	read := func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Main: debug.Module{Version: "v9"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}}}, true
	}
	got := resolve("v1", "def", "", read)
	if got.Version != "v1" || got.Commit != "def" || got.BuildTime != "unknown" {
		t.Fatalf("got %+v, want v1/def/unknown", got)
	}
}

func TestResolve_FallsBackToBuildInfo(t *testing.T) {
	read := func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.time", Value: "2026-01-01T00:00:00Z"}}}, true
	}
	got := resolve("", "", "", read)
	if got.Version != "unknown" || got.Commit != "abc" || got.BuildTime != "2026-01-01T00:00:00Z" {
		t.Fatalf("got %+v", got)
	}
}

func TestGet_NeverEmpty(t *testing.T) {
	got := Get()
	if got.Version == "" || got.Commit == "" || got.BuildTime == "" {
		t.Fatalf("got %+v, want no empty field", got)
	}
}
