// Package apikey holds the one policy for shared secrets: which keys are too weak to
// guard a write. The server's X-API-Key routes and the ingestor's loopback injection
// endpoint both ask it, so a key one process refuses the other refuses too. It imports
// nothing, so any layer may use it.
package apikey
