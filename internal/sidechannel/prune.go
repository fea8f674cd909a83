package sidechannel

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// PruneRequest is request-<id>.json: the nodes the operator confirmed for deletion.
type PruneRequest struct {
	ID          string   `json:"id"`
	RequestedAt string   `json:"requestedAt"`
	Reason      string   `json:"reason"`
	Pubkeys     []string `json:"pubkeys"`
}

// PruneResult is result-<id>.json, written by the ingestor once the request was handled.
type PruneResult struct {
	ID          string `json:"id"`
	RequestedAt string `json:"requestedAt"`
	CompletedAt string `json:"completedAt"`
	Deleted     int64  `json:"deleted"`
	Error       string `json:"error,omitempty"`
}

var (
	idPattern      = regexp.MustCompile(`^[0-9a-fA-F]{1,64}$`)
	requestPattern = regexp.MustCompile(`^request-([0-9a-fA-F]{1,64})\.json$`)
)

// PruneDir is the request directory next to the database at dbPath.
func PruneDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "prune-requests") }

// ValidPruneID reports whether id can name a request file (1–64 hex digits).
func ValidPruneID(id string) bool { return idPattern.MatchString(id) }

// NewPruneID returns a random 32-hex request id.
func NewPruneID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand panics rather than return an error)
	return hex.EncodeToString(b[:])
}

// RequestID returns the id named by a directory entry, or "" when it is not a request file.
func RequestID(name string) string {
	if m := requestPattern.FindStringSubmatch(name); m != nil {
		return m[1]
	}
	return ""
}

func requestPath(dir, id string) string { return filepath.Join(dir, "request-"+id+".json") }
func resultPath(dir, id string) string  { return filepath.Join(dir, "result-"+id+".json") }

// WritePruneRequest stores req for the ingestor.
func WritePruneRequest(dir string, req PruneRequest) error {
	if !ValidPruneID(req.ID) {
		return fmt.Errorf("write prune request: invalid id %q", req.ID)
	}
	return writeJSON(requestPath(dir, req.ID), req)
}

// ReadPruneRequest reads request id.
func ReadPruneRequest(dir, id string) (PruneRequest, error) {
	var r PruneRequest
	err := readJSON(requestPath(dir, id), &r)
	return r, err
}

// RemovePruneRequest deletes request id once its result is written.
func RemovePruneRequest(dir, id string) error { return os.Remove(requestPath(dir, id)) }

// WritePruneResult stores the outcome of request res.ID.
func WritePruneResult(dir string, res PruneResult) error {
	if !ValidPruneID(res.ID) {
		return fmt.Errorf("write prune result: invalid id %q", res.ID)
	}
	return writeJSON(resultPath(dir, res.ID), res)
}

// PruneState is what the server knows about one request.
type PruneState int

const (
	PruneUnknown PruneState = iota // neither request nor result exists
	PrunePending                   // the request waits for the ingestor
	PruneDone                      // the result is in (possibly with an error)
)

// PruneStatus reports request id's state and, when done, its result.
func PruneStatus(dir, id string) (PruneState, PruneResult, error) {
	var res PruneResult
	err := readJSON(resultPath(dir, id), &res)
	if err == nil {
		return PruneDone, res, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return PruneUnknown, res, err
	}
	if _, err := os.Lstat(requestPath(dir, id)); err == nil {
		return PrunePending, res, nil
	}
	return PruneUnknown, res, nil
}
