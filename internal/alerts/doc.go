// Package alerts evaluates CoreScope's alert conditions (ingest stalled, MQTT source
// silent, observer offline, claimed node silent, scopes, a silent bridge repeater
// splitting the mesh, renamed or moved nodes, new prefix collisions) and POSTs de-duplicated JSON events to
// configured webhooks: one "firing" event when a problem starts, reminders while it lasts
// (Options.Renotify), and one "resolved" event when it clears.
//
// The web server runs it: it already reads the ingestor's stats file and the database,
// and webhooks are not database writes, so the ingestor stays the only writer. Episode
// state lives in memory; after a server restart an ongoing problem is announced again.
package alerts
