package meshsim

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// JSONLines is a Sink writing one JSON object per message:
// {"topic":…, "at":RFC3339Nano, "payload":{…}}. Call Flush when done.
type JSONLines struct {
	w *bufio.Writer
}

// NewJSONLines returns a JSON-lines sink over w.
func NewJSONLines(w io.Writer) *JSONLines { return &JSONLines{w: bufio.NewWriterSize(w, 64<<10)} }

type jsonLine struct {
	Topic   string          `json:"topic"`
	At      string          `json:"at"`
	Payload json.RawMessage `json:"payload"`
}

// Send writes m as one line.
func (j *JSONLines) Send(_ context.Context, m Message) error {
	b, err := json.Marshal(jsonLine{Topic: m.Topic, At: m.At.UTC().Format(time.RFC3339Nano), Payload: m.Payload})
	if err != nil {
		return fmt.Errorf("marshal line: %w", err)
	}
	if _, err := j.w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write line: %w", err)
	}
	return nil
}

// Flush writes buffered lines to the underlying writer.
func (j *JSONLines) Flush() error {
	if err := j.w.Flush(); err != nil {
		return fmt.Errorf("flush lines: %w", err)
	}
	return nil
}
