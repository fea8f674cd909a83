// Package version reports the build's version, commit and build time, taken from
// linker flags when set and otherwise from the module's embedded build information.
package version
