package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

// Sentinel errors mapped to HTTP statuses by writeError; handlers wrap them with context.
var (
	// ErrNotFound is a missing resource (404).
	ErrNotFound = errors.New("not found")
	// ErrBadRequest is invalid input (400).
	ErrBadRequest = errors.New("bad request")
	// ErrUnauthorized is a missing or wrong API key (401).
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden is a refused write (403).
	ErrForbidden = errors.New("forbidden")
	// ErrConflict is an ambiguous identifier (409).
	ErrConflict = errors.New("conflict")
	// ErrUnavailable is a dependency that is not ready or reachable (503).
	ErrUnavailable = errors.New("unavailable")
	// ErrTooLarge is a request body over its limit (413).
	ErrTooLarge = errors.New("request body too large")
)

// apiError carries the client-visible message for a sentinel.
type apiError struct {
	kind error
	msg  string
}

func (e *apiError) Error() string { return e.msg }
func (e *apiError) Unwrap() error { return e.kind }

// errorf returns an error of kind whose client-visible text is msg.
func errorf(kind error, msg string) error { return &apiError{kind: kind, msg: msg} }

// writeJSON encodes v with status code; bodies end with a newline.
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

// writeRaw writes pre-encoded JSON.
func writeRaw(w http.ResponseWriter, code int, b []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	w.Write(b)
}

// writeError maps err to a status through the one errors.Is switch and writes {error}.
// 5xx errors are logged here, at the edge, and their detail is not leaked.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := http.StatusInternalServerError
	var mbe *http.MaxBytesError
	switch {
	case errors.Is(err, ErrNotFound):
		code = http.StatusNotFound
	case errors.Is(err, ErrBadRequest):
		code = http.StatusBadRequest
	case errors.Is(err, ErrUnauthorized):
		code = http.StatusUnauthorized
	case errors.Is(err, ErrForbidden):
		code = http.StatusForbidden
	case errors.Is(err, ErrConflict):
		code = http.StatusConflict
	case errors.Is(err, ErrUnavailable):
		code = http.StatusServiceUnavailable
	case errors.Is(err, ErrTooLarge), errors.As(err, &mbe):
		code = http.StatusRequestEntityTooLarge
		err = errorf(ErrTooLarge, ErrTooLarge.Error())
	}
	msg := err.Error()
	var ae *apiError
	if errors.As(err, &ae) {
		msg = ae.msg
	}
	if code >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		if ae == nil {
			msg = "internal error"
		}
	}
	writeJSON(w, code, map[string]string{"error": msg})
}

// decodeBody reads a JSON body capped at limit bytes: exactly one JSON value, so
// trailing data after it is a bad request too.
func decodeBody(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	err := dec.Decode(v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.Join(errors.New("trailing data after the JSON body"), terr)
		}
	}
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return errorf(ErrTooLarge, ErrTooLarge.Error())
	case err != nil:
		return errorf(ErrBadRequest, "invalid JSON body")
	}
	return nil
}
