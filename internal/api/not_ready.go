package api

// SchemaWaiter is implemented by a Readiness that knows the server is waiting for the ingestor's
// migrations, not merely loading: the 503 answer then tells the operator what to run.
type SchemaWaiter interface {
	WaitingForSchema() bool
}

// schemaWaitMessage says exactly what to run; it names no path (the answer is public).
const schemaWaitMessage = "This version has not migrated the database yet, and only the ingestor writes it. " +
	"Start the ingestor (./manage.sh run and the Docker image do), or run once: " +
	"corescope-ingestor -migrate-only -config <your config.json>. This page carries on by itself when that is done."

// notReadyBody adds the schema reason and message to a 503 body while the server waits for migrations.
func (s *Server) notReadyBody(body map[string]any) map[string]any {
	if w, ok := s.opts.Ready.(SchemaWaiter); ok && w.WaitingForSchema() {
		body["reason"], body["error"] = "schema", schemaWaitMessage
	}
	return body
}
