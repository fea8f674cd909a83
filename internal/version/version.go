package version

import (
	"runtime/debug"
	"sync"
)

// These are set at link time, e.g.
// -ldflags "-X github.com/corescope/corescope/internal/version.version=v1.2.3".
// They are written only by the linker, never at run time.
var (
	version   = ""
	commit    = ""
	buildTime = ""
)

// Info is the version triple reported by /api/health and /api/stats.
type Info struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	BuildTime string `json:"buildTime"`
}

var readOnce = sync.OnceValue(func() Info {
	return resolve(version, commit, buildTime, debug.ReadBuildInfo)
})

// Get returns the build's Info; unknown parts are "unknown".
func Get() Info { return readOnce() }

// resolve fills Info from linker values first, then from VCS build settings.
func resolve(v, c, bt string, read func() (*debug.BuildInfo, bool)) Info {
	info := Info{Version: v, Commit: c, BuildTime: bt}
	if bi, ok := read(); ok && bi != nil {
		if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			info.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if info.Commit == "" {
					info.Commit = s.Value
				}
			case "vcs.time":
				if info.BuildTime == "" {
					info.BuildTime = s.Value
				}
			}
		}
	}
	if info.Version == "" {
		info.Version = "unknown"
	}
	if info.Commit == "" {
		info.Commit = "unknown"
	}
	if info.BuildTime == "" {
		info.BuildTime = "unknown"
	}
	return info
}
