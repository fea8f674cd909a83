package main

import (
	"os"
	"runtime/debug"
)

// defaultGCPercent is the server's GC target when GOGC is not set. The store's rows
// are pointer-free (nothing for the collector to mark), so collecting more often is
// cheap, and it keeps the heap — and RSS — close to the live data instead of twice it.
const defaultGCPercent = 20

// tuneGC applies defaultGCPercent unless the operator set GOGC (called before the
// startup load, so the load's transient peak stays near the loaded heap too).
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(defaultGCPercent)
	}
}

// releaseMemory returns the heap a background analytics pass freed to the OS at once,
// so RSS follows the live data rather than the pass's peak.
func releaseMemory() { debug.FreeOSMemory() }
